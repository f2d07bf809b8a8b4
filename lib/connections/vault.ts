import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '@/lib/db';
import type { TravellerConnectionTable } from '@/lib/db/types';
import { decryptValue, type EncryptionKey, encryptValue } from './crypto';
import type { Keyring } from './keyring';

/**
 * Travellers' Concur tokens, encrypted at rest. Only this file seals and opens them; everything
 * else handles connection rows without tokens, or `OpenTokens` that live only in memory for the
 * one call that needs them. Tokens are never logged, never returned to the browser, never exported.
 */

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
  refreshExpiresAt: string | null;
  geolocation: string;
};

export type ConnectionRow = Omit<Selectable<TravellerConnectionTable>, 'access_token' | 'refresh_token'>;

const publicColumns = [
  'id',
  'member_id',
  'request_id',
  'decision_id',
  'concur_user_id',
  'status',
  'connected_at',
  'connected_by',
  'key_id',
  'access_expires_at',
  'refresh_expires_at',
  'geolocation',
  'updated_at',
  'ended_at',
  'ended_by',
] as const;

/** Each sealed value is bound to its row and column: moved anywhere else, it does not open. */
const boundTo = (connectionId: string, column: 'access_token' | 'refresh_token') => `${connectionId}:${column}`;

function seal(connectionId: string, tokens: TokenSet, key: EncryptionKey) {
  return {
    key_id: key.id,
    access_token: encryptValue(tokens.accessToken, key, boundTo(connectionId, 'access_token')),
    refresh_token: encryptValue(tokens.refreshToken, key, boundTo(connectionId, 'refresh_token')),
    access_expires_at: tokens.accessExpiresAt,
    refresh_expires_at: tokens.refreshExpiresAt,
    geolocation: tokens.geolocation,
  };
}

export type NewConnection = {
  memberId: string;
  requestId: string;
  decisionId: string;
  concurUserId: string | null;
  connectedBy: string;
  tokens: TokenSet;
};

/** Stores a new connection's tokens. One per decision: storing twice for one decision keeps the first. */
export async function storeConnection(
  db: Db,
  keyring: Keyring,
  connection: NewConnection,
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('traveller_connection')
    .values({
      id,
      member_id: connection.memberId,
      request_id: connection.requestId,
      decision_id: connection.decisionId,
      concur_user_id: connection.concurUserId,
      status: 'connected',
      connected_at: now.toISOString(),
      connected_by: connection.connectedBy,
      updated_at: now.toISOString(),
      ended_at: null,
      ended_by: null,
      ...seal(id, connection.tokens, keyring.current),
    })
    .onConflict((oc) => oc.column('decision_id').doNothing())
    .execute();
  const stored = await connectionForDecision(db, connection.decisionId);
  if (!stored) throw new Error('the connection was not stored');
  return stored.id;
}

export async function connectionForDecision(db: Db, decisionId: string): Promise<ConnectionRow | undefined> {
  return db
    .selectFrom('traveller_connection')
    .select(publicColumns)
    .where('decision_id', '=', decisionId)
    .executeTakeFirst();
}

export async function getConnection(db: Db, id: string): Promise<ConnectionRow | undefined> {
  return db.selectFrom('traveller_connection').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

export async function connectionsOfMember(db: Db, memberId: string): Promise<ConnectionRow[]> {
  return db
    .selectFrom('traveller_connection')
    .select(publicColumns)
    .where('member_id', '=', memberId)
    .orderBy('connected_at', 'desc')
    .execute();
}

/** The tokens of a live connection, opened for one use; null when it has none (ended, or needs reconnecting). */
export async function openTokens(db: Db, keyring: Keyring, id: string): Promise<TokenSet | null> {
  const row = await db
    .selectFrom('traveller_connection')
    .select(['key_id', 'access_token', 'refresh_token', 'access_expires_at', 'refresh_expires_at', 'geolocation'])
    .where('id', '=', id)
    .where('status', '=', 'connected')
    .executeTakeFirst();
  if (!row?.key_id || !row.access_token || !row.refresh_token || !row.access_expires_at || !row.geolocation)
    return null;
  const key = keyring.byId.get(row.key_id);
  if (!key) throw new Error(`token key ${row.key_id} is not configured: add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
  return {
    accessToken: decryptValue(row.access_token, key, boundTo(id, 'access_token')),
    refreshToken: decryptValue(row.refresh_token, key, boundTo(id, 'refresh_token')),
    accessExpiresAt: row.access_expires_at,
    refreshExpiresAt: row.refresh_expires_at,
    geolocation: row.geolocation,
  };
}

/** After a refresh: the new access token and the rotated refresh token replace the old ones. */
export async function replaceTokens(
  db: Db,
  keyring: Keyring,
  id: string,
  tokens: TokenSet,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('traveller_connection')
    .set({ ...seal(id, tokens, keyring.current), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'connected')
    .execute();
}

const withoutTokens = {
  key_id: null,
  access_token: null,
  refresh_token: null,
  access_expires_at: null,
  refresh_expires_at: null,
} as const;

/** Concur refused the refresh token (revoked, expired): the traveller has to connect again. */
export async function markNeedsReconnect(db: Db, id: string, now = new Date()): Promise<void> {
  await db
    .updateTable('traveller_connection')
    .set({ ...withoutTokens, status: 'needs-reconnect', updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** An admin ends the connection: its tokens are deleted, the row stays as history. */
export async function endConnection(db: Db, id: string, staffId: string, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('traveller_connection')
    .set({
      ...withoutTokens,
      status: 'disconnected',
      updated_at: now.toISOString(),
      ended_at: now.toISOString(),
      ended_by: staffId,
    })
    .where('id', '=', id)
    .where('status', '!=', 'disconnected')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Re-encrypts every row not under the current key, one row at a time and compare-and-set on
 * its key id, so a refresh writing the same row meanwhile is never overwritten with stale
 * tokens. Returns the key ids still in use afterwards (only the current one, when done).
 */
export async function reencryptAll(
  db: Db,
  keyring: Keyring,
  onProgress?: (done: number, total: number) => void,
): Promise<{ reencrypted: number; keyIdsInUse: Set<string> }> {
  const stale = await db
    .selectFrom('traveller_connection')
    .select('id')
    .where('key_id', 'is not', null)
    .where('key_id', '!=', keyring.current.id)
    .execute();
  let reencrypted = 0;
  for (const [index, { id }] of stale.entries()) {
    const row = await db
      .selectFrom('traveller_connection')
      .select(['key_id', 'access_token', 'refresh_token'])
      .where('id', '=', id)
      .executeTakeFirst();
    const key = row?.key_id ? keyring.byId.get(row.key_id) : undefined;
    if (row?.key_id && !key) throw new Error(`token key ${row.key_id} is not configured: cannot re-encrypt`);
    if (row?.key_id && key && row.access_token && row.refresh_token && row.key_id !== keyring.current.id) {
      const access = decryptValue(row.access_token, key, boundTo(id, 'access_token'));
      const refresh = decryptValue(row.refresh_token, key, boundTo(id, 'refresh_token'));
      const result = await db
        .updateTable('traveller_connection')
        .set({
          key_id: keyring.current.id,
          access_token: encryptValue(access, keyring.current, boundTo(id, 'access_token')),
          refresh_token: encryptValue(refresh, keyring.current, boundTo(id, 'refresh_token')),
        })
        .where('id', '=', id)
        .where('key_id', '=', row.key_id)
        .where('access_token', '=', row.access_token)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) reencrypted += 1;
    }
    onProgress?.(index + 1, stale.length);
  }
  const inUse = await db
    .selectFrom('traveller_connection')
    .select('key_id')
    .distinct()
    .where('key_id', 'is not', null)
    .execute();
  return { reencrypted, keyIdsInUse: new Set(inUse.flatMap((row) => (row.key_id ? [row.key_id] : []))) };
}
