import { AUTH_MESSAGES } from '../auth';
import type { Sandbox } from '../context';
import { type Call, CONTENT_TYPES, concurError, jsonReply, type Reply } from '../http';
import { entriesXml, rootXml } from '../wire/xml';

/**
 * `GET /api/user/v1.0/User`: a call made as the traveller, with the access token from the
 * request-token exchange, so a supplier can show the tokens it stored work. Unlike every other
 * `/api` route it takes a user token, not the partner app's.
 */

export const USER_ROUTE = '/api/user/v1.0/user';

export function userRoute(sandbox: Sandbox, call: Call, nowMs: number): Reply {
  if (call.method !== 'GET') {
    const reply = concurError(
      call.format,
      405,
      `The requested resource does not support http method '${call.method}'.`,
      nowMs,
    );
    return { ...reply, headers: { Allow: 'GET' } };
  }
  const header = call.headers.authorization?.trim();
  if (!header) return concurError(call.format, 401, AUTH_MESSAGES.missing, nowMs);
  // The same schemes the app-token gate accepts (sandbox/auth.ts): Bearer, or the legacy OAuth.
  const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header)?.[1] ?? '';
  const requestId = sandbox.tokens.requestOfAccessToken(token, nowMs);
  const request = requestId ? sandbox.requests.get(requestId, nowMs, { issueToken: false }) : undefined;
  if (!request) return concurError(call.format, 403, AUTH_MESSAGES.forbidden, nowMs);
  if (call.format === 'json') return jsonReply(200, { UserId: request.userId, LoginId: request.loginId });
  const entries = [
    ['UserId', request.userId],
    ['LoginId', request.loginId],
  ] as const;
  return { status: 200, contentType: CONTENT_TYPES.xml, body: rootXml('UserProfile', entriesXml(entries)) };
}
