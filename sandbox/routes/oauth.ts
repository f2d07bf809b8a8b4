import type { Sandbox } from '../context';
import { type Call, concurError, jsonReply, oauthError, type Reply } from '../http';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from '../lifecycle';
import type { UserTokens } from '../tokens';

/**
 * `POST /oauth2/v0/token`: the client-credentials grant for the partner app's own token, the
 * password grant with `credtype=authtoken` that exchanges a connection request's token, and the
 * refresh-token grant that renews the traveller's tokens.
 */

const USER_SCOPE = 'openid ITINER TRVPRF';

export function tokenRoute(sandbox: Sandbox, call: Call, nowMs: number): Reply {
  if (call.method !== 'POST') {
    const reply = concurError(
      'json',
      405,
      `The requested resource does not support http method '${call.method}'.`,
      nowMs,
    );
    return { ...reply, headers: { Allow: 'POST' } };
  }
  sandbox.calls.record('token');
  const form = new URLSearchParams(call.body);
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type not supplied', 65);
  if (!clientId) return oauthError(400, 'invalid_request', 'client_id not supplied', 62);
  if (!clientSecret) return oauthError(400, 'invalid_request', 'client_secret not supplied', 63);
  const { credentials } = sandbox;
  if (clientId !== credentials.clientId || clientSecret !== credentials.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client not found or secret wrong', 61);
  }
  if (grantType === 'client_credentials') {
    return jsonReply(200, {
      expires_in: String(ACCESS_TOKEN_TTL_SECONDS),
      scope: 'app-scopes',
      token_type: 'Bearer',
      access_token: sandbox.tokens.issueAppToken(nowMs),
      geolocation: call.base,
    });
  }
  if (grantType === 'password') return exchangeRequestToken(sandbox, call, form, nowMs);
  if (grantType === 'refresh_token') return refreshUserTokens(sandbox, call, form, nowMs);
  return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`, 65);
}

function exchangeRequestToken(sandbox: Sandbox, call: Call, form: URLSearchParams, nowMs: number): Reply {
  if (form.get('credtype') !== 'authtoken') return oauthError(400, 'invalid_request', 'credtype is invalid', 120);
  const requestId = sandbox.requests.exchangeRequestToken(
    form.get('username') ?? '',
    form.get('password') ?? '',
    nowMs,
  );
  // One answer for every bad username/token combination, so the endpoint does not reveal which part was wrong.
  if (!requestId) return oauthError(400, 'invalid_grant', 'Incorrect Credentials. Please Retry', 5);
  return userTokenReply(sandbox.tokens.issueUserTokens(requestId, nowMs), call);
}

function refreshUserTokens(sandbox: Sandbox, call: Call, form: URLSearchParams, nowMs: number): Reply {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token not supplied', 106);
  const tokens = sandbox.tokens.rotateRefreshToken(refreshToken, nowMs);
  if (!tokens) return oauthError(400, 'invalid_grant', 'Refresh token is invalid or has expired', 108);
  return userTokenReply(tokens, call);
}

function userTokenReply(tokens: UserTokens, call: Call): Reply {
  return jsonReply(200, {
    expires_in: String(ACCESS_TOKEN_TTL_SECONDS),
    scope: USER_SCOPE,
    token_type: 'Bearer',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    refresh_expires_in: String(REFRESH_TOKEN_TTL_SECONDS),
    id_token: tokens.idToken,
    geolocation: call.base,
  });
}
