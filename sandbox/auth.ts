import type { TokenStore } from './tokens';

/**
 * The gate in front of every /api route: Concur answers 401 when the Authorization header is
 * missing and 403 when it is there but not a live app token. `OAuth {token}` is the pre-2017
 * scheme the old SDKs still send, so it is accepted alongside `Bearer`.
 */

export type AuthResult = 'ok' | 'missing' | 'forbidden';

export const AUTH_MESSAGES = {
  missing: 'The Authorization header is not included in the request.',
  forbidden: 'The Oauth token has expired or been revoked.',
} as const;

export function checkAuthorization(header: string | undefined, tokens: TokenStore, nowMs: number): AuthResult {
  const value = header?.trim();
  if (!value) return 'missing';
  const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(value)?.[1];
  return token && tokens.isValidAppToken(token, nowMs) ? 'ok' : 'forbidden';
}
