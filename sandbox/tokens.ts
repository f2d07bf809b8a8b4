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

type TokenRow = { kind: TokenKind; request_id: string | null; expires_at: number };

export function createTokenStore(db: Database) {
  const insert = db.prepare<[string, TokenKind, string | null, number]>(
    'insert into oauth_token (token_hash, kind, request_id, expires_at) values (?, ?, ?, ?)',
  );
  const find = db.prepare<[string], TokenRow>(
    'select kind, request_id, expires_at from oauth_token where token_hash = ?',
  );
  const remove = db.prepare<[string]>('delete from oauth_token where token_hash = ?');
  const removeUserTokens = db.prepare<[string]>(
    "delete from oauth_token where request_id = ? and kind in ('user-access', 'user-refresh')",
  );
  const countLive = db.prepare<[string, number], { kind: TokenKind; n: number }>(
    'select kind, count(*) as n from oauth_token where request_id = ? and expires_at > ? group by kind',
  );

  /** The row of a live token of this kind, or undefined when it is unknown, of another kind, or expired. */
  function live(token: string, kind: TokenKind, nowMs: number): TokenRow | undefined {
    const row = token ? find.get(hash(token)) : undefined;
    return row && row.kind === kind && row.expires_at > nowMs ? row : undefined;
  }

  /** The user's tokens, kept with the request they came from; call inside a transaction. */
  function issueUserTokens(requestId: string, nowMs: number): UserTokens {
    const tokens = { accessToken: newToken(), refreshToken: newToken(), idToken: newToken() };
    insert.run(hash(tokens.accessToken), 'user-access', requestId, nowMs + ACCESS_TOKEN_TTL_SECONDS * 1000);
    insert.run(hash(tokens.refreshToken), 'user-refresh', requestId, nowMs + REFRESH_TOKEN_TTL_SECONDS * 1000);
    return tokens;
  }

  return {
    issueAppToken(nowMs: number): string {
      const token = newToken();
      insert.run(hash(token), 'app', null, nowMs + ACCESS_TOKEN_TTL_SECONDS * 1000);
      return token;
    },

    /** The tokens from the request-token exchange. */
    issueUserTokens: (requestId: string, nowMs: number): UserTokens =>
      db.transaction(() => issueUserTokens(requestId, nowMs))(),

    /**
     * The refresh grant: new tokens for a live refresh token, which stops working at once
     * (rotation). Access tokens already issued live on until they expire. Null when refused.
     */
    rotateRefreshToken(refreshToken: string, nowMs: number): UserTokens | null {
      return db.transaction(() => {
        const row = live(refreshToken, 'user-refresh', nowMs);
        if (!row?.request_id) return null;
        remove.run(hash(refreshToken));
        return issueUserTokens(row.request_id, nowMs);
      })();
    },

    /** The request a live user access token was issued from, or null. */
    requestOfAccessToken(accessToken: string, nowMs: number): string | null {
      return live(accessToken, 'user-access', nowMs)?.request_id ?? null;
    },

    /** The traveller disconnected: every user token from this request stops working. */
    revokeUserTokens: (requestId: string): number => removeUserTokens.run(requestId).changes,

    liveUserTokens(requestId: string, nowMs: number): { access: number; refresh: number } {
      const counts = { access: 0, refresh: 0 };
      for (const row of countLive.all(requestId, nowMs)) {
        if (row.kind === 'user-access') counts.access = row.n;
        if (row.kind === 'user-refresh') counts.refresh = row.n;
      }
      return counts;
    },

    /** True only for an app token that has not expired on the sandbox clock. */
    isValidAppToken: (token: string, nowMs: number): boolean => live(token, 'app', nowMs) !== undefined,
  };
}
