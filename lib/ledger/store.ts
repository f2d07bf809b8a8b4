import type { Selectable } from 'kysely';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Keyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import type { LedgerLeftReason, LedgerRequestTable } from '@/lib/db/types';
import { openValue } from './seal';

/**
 * The ledger: our own record of every connection request a poll saw in Concur's queue, its
 * latest snapshot, and how it left the queue (our PUT, or gone without one). This file reads
 * it, for pages, the conflict check before a send and the token exchange; `record.ts` writes it.
 */

export type LedgerRow = Selectable<LedgerRequestTable>;

export type LedgerEntry = {
  /** As the latest poll saw it; `requestToken` is null unless asked for with `withToken`. */
  request: ConnectionRequest;
  firstSeenAt: string;
  lastSeenAt: string;
  timesSeen: number;
  timesReturned: number;
  /** When a poll first saw the current request token (Concur issues them upon GET, for 24 h). */
  tokenSeenAt: string | null;
  queuePosition: number | null;
  left: { at: string; reason: LedgerLeftReason; decisionId: string | null } | null;
};

/** The ledger's request, its sealed values opened; the request token only when asked for. */
export function toEntry(keyring: Keyring, row: LedgerRow, options: { withToken?: boolean } = {}): LedgerEntry {
  const open = (column: 'loyalty_number' | 'emails' | 'request_token', sealed: string | null) =>
    sealed === null ? null : openValue(keyring, row.key_id, row.request_id, column, sealed);
  const emails = open('emails', row.emails);
  return {
    request: {
      id: row.request_id,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      loyaltyNumber: open('loyalty_number', row.loyalty_number),
      status: row.reported_status,
      reportedCode: row.reported_code,
      requestToken: options.withToken ? open('request_token', row.request_token) : null,
      lastModified: row.last_modified,
      emails: emails === null ? [] : (JSON.parse(emails) as string[]),
      userId: row.concur_user_id,
    },
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    timesSeen: row.times_seen,
    timesReturned: row.times_returned,
    tokenSeenAt: row.token_seen_at,
    queuePosition: row.queue_position,
    left:
      row.left_at && row.left_reason
        ? { at: row.left_at, reason: row.left_reason, decisionId: row.left_decision_id }
        : null,
  };
}

export async function getLedgerRow(db: Db, requestId: string): Promise<LedgerRow | undefined> {
  return db.selectFrom('ledger_request').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function getLedgerEntry(
  db: Db,
  keyring: Keyring,
  requestId: string,
  options: { withToken?: boolean } = {},
): Promise<LedgerEntry | undefined> {
  const row = await getLedgerRow(db, requestId);
  return row ? toEntry(keyring, row, options) : undefined;
}

/** Requests in the queue as the latest polls saw it, in Concur's order. */
export async function queuePage(
  db: Db,
  page: { offset: number; limit: number },
): Promise<{ rows: LedgerRow[]; hasMore: boolean; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('ledger_request')
      .selectAll()
      .where('left_at', 'is', null)
      .orderBy('queue_position')
      .orderBy('first_seen_at')
      .orderBy('request_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('ledger_request')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('left_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit, total: Number(count.n) };
}

/** What happened to one request in the queue, oldest first. */
export async function ledgerEvents(db: Db, requestId: string) {
  return db
    .selectFrom('ledger_event')
    .select(['at', 'kind', 'reason', 'decision_id'])
    .where('request_id', '=', requestId)
    .orderBy('at')
    .execute();
}
