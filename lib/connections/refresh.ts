import type { Logger } from 'pino';
import { recordAuditEvent } from '@/lib/audit/store';
import { type ConcurClient, isInvalidGrant } from '@/lib/concur';
import type { Db } from '@/lib/db';
import type { Keyring } from './keyring';
import { getConnection, markNeedsReconnect, openTokens, replaceTokens } from './vault';

/**
 * Using a traveller's connection: the access token, refreshed first when it is about to expire
 * (Concur rotates the refresh token, and the new one is stored). A refresh token Concur refuses
 * means the traveller has to connect again; the connection says so and its tokens are deleted.
 */

export type ConnectionDeps = { db: Db; keyring: () => Keyring; concur: ConcurClient; logger: Logger; now?: () => Date };

/** Refresh this long before expiry, so a token is never sent in its last moments. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type UsableToken =
  | { ok: true; accessToken: string; geolocation: string; wasRefreshed: boolean }
  | { ok: false; reason: 'not-connected' | 'needs-reconnect' };

export async function usableAccessToken(deps: ConnectionDeps, connectionId: string): Promise<UsableToken> {
  const now = deps.now?.() ?? new Date();
  const tokens = await openTokens(deps.db, deps.keyring(), connectionId);
  if (!tokens) {
    const row = await getConnection(deps.db, connectionId);
    return { ok: false, reason: row?.status === 'needs-reconnect' ? 'needs-reconnect' : 'not-connected' };
  }
  if (Date.parse(tokens.accessExpiresAt) - now.getTime() > REFRESH_MARGIN_MS) {
    return { ok: true, accessToken: tokens.accessToken, geolocation: tokens.geolocation, wasRefreshed: false };
  }
  try {
    const fresh = await deps.concur.refreshTravellerTokens({
      refreshToken: tokens.refreshToken,
      geolocation: tokens.geolocation,
    });
    await replaceTokens(deps.db, deps.keyring(), connectionId, fresh, now);
    return { ok: true, accessToken: fresh.accessToken, geolocation: fresh.geolocation, wasRefreshed: true };
  } catch (error) {
    if (!isInvalidGrant(error)) throw error;
    // Another process may have refreshed first: its rotated token is in the vault now.
    const latest = await openTokens(deps.db, deps.keyring(), connectionId);
    if (latest && latest.refreshToken !== tokens.refreshToken) {
      return { ok: true, accessToken: latest.accessToken, geolocation: latest.geolocation, wasRefreshed: true };
    }
    await markNeedsReconnect(deps.db, connectionId, now);
    const row = await getConnection(deps.db, connectionId);
    await recordAuditEvent(deps.db, {
      actor: null,
      action: 'connection.needs-reconnect',
      subjectType: 'member',
      subjectId: row?.member_id ?? null,
      detail: { connectionId, requestId: row?.request_id ?? null },
    });
    deps.logger.warn({ event: 'connection.needs-reconnect', connectionId }, 'Concur refused a refresh token');
    return { ok: false, reason: 'needs-reconnect' };
  }
}

/** A call as the traveller: proves the stored tokens work (refreshing them if due). */
export async function checkConnection(
  deps: ConnectionDeps,
  connectionId: string,
): Promise<{ ok: true; wasRefreshed: boolean } | { ok: false; reason: 'not-connected' | 'needs-reconnect' }> {
  const token = await usableAccessToken(deps, connectionId);
  if (!token.ok) return token;
  await deps.concur.getTraveller({ accessToken: token.accessToken, geolocation: token.geolocation });
  return { ok: true, wasRefreshed: token.wasRefreshed };
}
