import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './db';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './lifecycle';

/**
 * OAuth tokens the sandbox has issued. Only hashes are stored, as a real token service would;
 * they live in the database so a restarted sandbox still honours the app's cached token.
 */

export type TokenKind = 'app' | 'user-access' | 'user-refresh';

export type UserTokens = { accessToken: string; refreshToken: string; idToken: string };

export type TokenStore = ReturnType<typeof createTokenStore>;

const hash = (token: string): string => createHash('sha256').update(token).digest('base64url');
const newToken = (): string => randomBytes(32).toString('base64url');

export function createTokenStore(db: Database) {
  const insert = db.prepare<[string, TokenKind, string | null, number]>(
    'insert into oauth_token (token_hash, kind, request_id, expires_at) values (?, ?, ?, ?)',
  );
  const find = db.prepare<[string], { kind: TokenKind; expires_at: number }>(
    'select kind, expires_at from oauth_token where token_hash = ?',
  );

  return {
    issueAppToken(nowMs: number): string {
      const token = newToken();
      insert.run(hash(token), 'app', null, nowMs + ACCESS_TOKEN_TTL_SECONDS * 1000);
      return token;
    },

    /** The user's tokens from the request-token exchange, kept with the request they came from. */
    issueUserTokens(requestId: string, nowMs: number): UserTokens {
      const tokens = { accessToken: newToken(), refreshToken: newToken(), idToken: newToken() };
      db.transaction(() => {
        insert.run(hash(tokens.accessToken), 'user-access', requestId, nowMs + ACCESS_TOKEN_TTL_SECONDS * 1000);
        insert.run(hash(tokens.refreshToken), 'user-refresh', requestId, nowMs + REFRESH_TOKEN_TTL_SECONDS * 1000);
      })();
      return tokens;
    },

    /** True only for an app token that has not expired on the sandbox clock. */
    isValidAppToken(token: string, nowMs: number): boolean {
      const row = find.get(hash(token));
      return row !== undefined && row.kind === 'app' && row.expires_at > nowMs;
    },
  };
}
