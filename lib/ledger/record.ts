import { randomUUID } from 'node:crypto';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Keyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import type { LedgerEventKind, LedgerLeftReason } from '@/lib/db/types';
import { maskEmail, maskLoyaltyNumber } from '@/lib/masking/mask';
import { lastNameKey } from '@/lib/members/normalise';
import { emailHash, loyaltyHash, openValue, sealValue, tokenHash } from './seal';
import { getLedgerRow, type LedgerRow, toEntry } from './store';

/**
 * What writes the ledger: the poller (each page it saw, and what a clean walk did not see), a
 * confirmed send (the PUT popped the request), and a key rotation (re-sealed rows).
 */

export type SeenPage = {
  items: ConnectionRequest[];
  /** When the GET that returned them was sent: a PUT confirmed after it may already have popped them. */
  fetchedAt: string;
  /** The queue position of the page's first item. */
  firstPosition: number;
};

export type SeenResult = { added: string[]; returned: string[] };

/** The later of two ISO-8601 UTC times (they compare as text). */
const laterOf = (a: string, b: string) => (a < b ? b : a);

async function addEvent(
  db: Db,
  event: { requestId: string; at: string; kind: LedgerEventKind; reason?: LedgerLeftReason; decisionId?: string },
): Promise<void> {
  await db
    .insertInto('ledger_event')
    .values({
      id: randomUUID(),
      request_id: event.requestId,
      at: event.at,
      kind: event.kind,
      reason: event.reason ?? null,
      decision_id: event.decisionId ?? null,
    })
    .execute();
}

/** The snapshot columns of one request, its values sealed under the current key. */
function snapshotOf(keyring: Keyring, request: ConnectionRequest) {
  const key = keyring.current;
  return {
    concur_user_id: request.userId,
    first_name: request.firstName,
    middle_name: request.middleName,
    last_name: request.lastName,
    last_name_key: lastNameKey(request.lastName),
    key_id: key.id,
    loyalty_number: request.loyaltyNumber ? sealValue(key, request.id, 'loyalty_number', request.loyaltyNumber) : null,
    loyalty_hash: loyaltyHash(key, request.loyaltyNumber),
    masked_loyalty: request.loyaltyNumber ? maskLoyaltyNumber(request.loyaltyNumber) : null,
    emails: request.emails.length > 0 ? sealValue(key, request.id, 'emails', JSON.stringify(request.emails)) : null,
    masked_emails: JSON.stringify(request.emails.map(maskEmail)),
    request_token: request.requestToken ? sealValue(key, request.id, 'request_token', request.requestToken) : null,
    token_hash: request.requestToken ? tokenHash(key, request.requestToken) : null,
    reported_status: request.status,
    reported_code: request.reportedCode,
    last_modified: request.lastModified,
  };
}

/**
 * Whether the poll brought a token other than the one we hold (a requeue, or a new token per
 * GET). One sealed under a key no longer configured counts as new: the snapshot is re-sealed
 * under the current key anyway, so a rotation never stops the poller.
 */
function isNewToken(keyring: Keyring, row: LedgerRow, token: string | null): boolean {
  if (token === null) return false;
  if (row.request_token === null || row.token_hash === null) return true;
  if (row.key_id === keyring.current.id) return row.token_hash !== tokenHash(keyring.current, token);
  try {
    return openValue(keyring, row.key_id, row.request_id, 'request_token', row.request_token) !== token;
  } catch {
    return true;
  }
}

/**
 * Concur requeues a request an hour after a CRRET at the soonest: one our PUT took out less than
 * this before the GET was sent is not back, whatever two machines' clocks say.
 */
const SOONEST_RETURN_MS = 5 * 60_000;

function hasReturnedBy(row: LedgerRow, fetchedAt: string): boolean {
  if (row.left_at === null) return false;
  const gap = Date.parse(fetchedAt) - Date.parse(row.left_at);
  return row.left_reason === 'sent' ? gap >= SOONEST_RETURN_MS : gap > 0;
}

async function replaceEmailHashes(db: Db, keyring: Keyring, request: ConnectionRequest): Promise<void> {
  await db.deleteFrom('ledger_email').where('request_id', '=', request.id).execute();
  if (request.emails.length === 0) return;
  await db
    .insertInto('ledger_email')
    .values(
      request.emails.map((email, slot) => ({
        request_id: request.id,
        slot,
        email_hash: emailHash(keyring.current, email),
      })),
    )
    .execute();
}

/**
 * Records one page of a poll: new requests are added, known ones get their latest snapshot, and
 * one that had left the queue before this GET was sent has come back (a requeue). One that a
 * PUT of ours popped after the GET was sent stays left: the page showed it from before.
 */
export async function recordSeen(db: Db, keyring: Keyring, page: SeenPage): Promise<SeenResult> {
  const result: SeenResult = { added: [], returned: [] };
  if (page.items.length === 0) return result;
  await db.transaction().execute(async (trx) => {
    const known = new Map(
      (
        await trx
          .selectFrom('ledger_request')
          .selectAll()
          .where(
            'request_id',
            'in',
            page.items.map((item) => item.id),
          )
          .execute()
      ).map((row) => [row.request_id, row]),
    );
    for (const [index, request] of page.items.entries()) {
      const position = page.firstPosition + index;
      const row = known.get(request.id);
      if (!row) {
        const inserted = await trx
          .insertInto('ledger_request')
          .values({
            request_id: request.id,
            ...snapshotOf(keyring, request),
            token_seen_at: request.requestToken ? page.fetchedAt : null,
            queue_position: position,
            first_seen_at: page.fetchedAt,
            last_seen_at: page.fetchedAt,
            times_seen: 1,
            left_at: null,
            left_reason: null,
            left_decision_id: null,
          })
          // Two polls racing (a manual one beside the scheduled one): the first insert stands.
          .onConflict((oc) => oc.column('request_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
        await replaceEmailHashes(trx, keyring, request);
        await addEvent(trx, { requestId: request.id, at: page.fetchedAt, kind: 'arrived' });
        result.added.push(request.id);
        continue;
      }
      const hasReturned = hasReturnedBy(row, page.fetchedAt);
      if (row.left_at !== null && !hasReturned) continue;
      await trx
        .updateTable('ledger_request')
        .set({
          ...snapshotOf(keyring, request),
          token_seen_at: isNewToken(keyring, row, request.requestToken)
            ? page.fetchedAt
            : request.requestToken
              ? row.token_seen_at
              : null,
          queue_position: position,
          last_seen_at: laterOf(page.fetchedAt, row.last_seen_at),
          times_seen: row.times_seen + 1,
          ...(hasReturned
            ? { times_returned: row.times_returned + 1, left_at: null, left_reason: null, left_decision_id: null }
            : {}),
        })
        .where('request_id', '=', request.id)
        .execute();
      await replaceEmailHashes(trx, keyring, request);
      if (hasReturned) {
        await addEvent(trx, { requestId: request.id, at: page.fetchedAt, kind: 'returned' });
        result.returned.push(request.id);
      }
    }
  });
  return result;
}

/**
 * After a clean walk of the whole queue: what was in it before and was not seen since the walk
 * began has gone without a PUT of ours (decided elsewhere, or expired). Returns their ids.
 */
export async function markGone(db: Db, walkStartedAt: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    // One statement: a request a confirmed send takes out meanwhile is not counted as gone too.
    const gone = await trx
      .updateTable('ledger_request')
      .set({ left_at: walkStartedAt, left_reason: 'gone', queue_position: null })
      .where('left_at', 'is', null)
      .where('last_seen_at', '<', walkStartedAt)
      .returning('request_id')
      .execute();
    const ids = gone.map((row) => row.request_id);
    // In slices, well within either database's limit on the values one statement may carry.
    for (let start = 0; start < ids.length; start += 500) {
      await trx
        .insertInto('ledger_event')
        .values(
          ids.slice(start, start + 500).map((id) => ({
            id: randomUUID(),
            request_id: id,
            at: walkStartedAt,
            kind: 'left' as const,
            reason: 'gone' as const,
            decision_id: null,
          })),
        )
        .execute();
    }
    return ids;
  });
}

/**
 * A PUT of ours was confirmed: it popped the request from the queue. A request the poller had
 * already found gone (the PUT's answer was lost, then confirmed by its absence) is put down to
 * this decision instead.
 */
export async function markSent(db: Db, requestId: string, decisionId: string, at: string): Promise<void> {
  const row = await db
    .selectFrom('ledger_request')
    .select(['left_at', 'left_reason'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!row || row.left_reason === 'sent') return;
  if (row.left_reason === 'gone') {
    await db
      .updateTable('ledger_request')
      .set({ left_reason: 'sent', left_decision_id: decisionId })
      .where('request_id', '=', requestId)
      .execute();
    await db
      .updateTable('ledger_event')
      .set({ reason: 'sent', decision_id: decisionId })
      .where('request_id', '=', requestId)
      .where('kind', '=', 'left')
      .where('at', '=', row.left_at ?? '')
      .execute();
    return;
  }
  await db
    .updateTable('ledger_request')
    .set({ left_at: at, left_reason: 'sent', left_decision_id: decisionId, queue_position: null })
    .where('request_id', '=', requestId)
    .execute();
  await addEvent(db, { requestId, at, kind: 'left', reason: 'sent', decisionId });
}

/**
 * Re-seals every ledger row under the current key (for `npm run tokens -- rotate-key`); returns
 * the key ids still in use afterwards.
 */
export async function reencryptLedger(
  db: Db,
  keyring: Keyring,
): Promise<{ reencrypted: number; keyIdsInUse: Set<string> }> {
  const stale = await db
    .selectFrom('ledger_request')
    .select('request_id')
    .where('key_id', '!=', keyring.current.id)
    .execute();
  let reencrypted = 0;
  for (const { request_id: id } of stale) {
    const row = await getLedgerRow(db, id);
    if (!row || row.key_id === keyring.current.id) continue;
    const entry = toEntry(keyring, row, { withToken: true });
    const snapshot = snapshotOf(keyring, entry.request);
    const result = await db
      .updateTable('ledger_request')
      .set({
        key_id: snapshot.key_id,
        loyalty_number: snapshot.loyalty_number,
        loyalty_hash: snapshot.loyalty_hash,
        emails: snapshot.emails,
        request_token: snapshot.request_token,
        token_hash: snapshot.token_hash,
      })
      .where('request_id', '=', id)
      .where('key_id', '=', row.key_id)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) {
      await replaceEmailHashes(db, keyring, entry.request);
      reencrypted += 1;
    }
  }
  const inUse = await db.selectFrom('ledger_request').select('key_id').distinct().execute();
  return { reencrypted, keyIdsInUse: new Set(inUse.map((row) => row.key_id)) };
}
