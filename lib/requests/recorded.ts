import 'server-only';
import { type ConnectionRequestStatus, outcomeCodes, statusAfterOutcome } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import type { LedgerRow } from '@/lib/ledger/store';

/**
 * The tabs after Pending, from our own records: Concur's list has no status filter and only
 * shows its Pending queue. Processing is a queued request with a decision of ours on its way;
 * Connected, Failed and Retry are requests our PUT took out of the queue, by the code it sent.
 */
export type RecordedStatus = Exclude<ConnectionRequestStatus, 'Pending'>;

export type RecordedPage = { rows: LedgerRow[]; hasMore: boolean; total: number };

/** A decision still being sent: the request stays in Concur's queue until the PUT lands. */
const OPEN_SEND_STATES = ['sending', 'failed'] as const;

function onTheirWay(db: Db) {
  return db
    .selectFrom('ledger_request')
    .innerJoin('decision', 'decision.request_id', 'ledger_request.request_id')
    .where('ledger_request.left_at', 'is', null)
    .where('decision.send_state', 'in', OPEN_SEND_STATES);
}

function sentLeadingTo(db: Db, status: RecordedStatus) {
  const codes = outcomeCodes.filter((code) => statusAfterOutcome[code] === status);
  return db
    .selectFrom('ledger_request')
    .innerJoin('decision', 'decision.id', 'ledger_request.left_decision_id')
    .where('ledger_request.left_reason', '=', 'sent')
    .where((eb) => eb(eb.fn.coalesce('decision.sent_code', 'decision.outcome_code'), 'in', codes));
}

/** One page of a status tab, newest first: by when the decision was made, or when the PUT took it out. */
export async function recordedPage(
  db: Db,
  status: RecordedStatus,
  page: { offset: number; limit: number },
): Promise<RecordedPage> {
  const isProcessing = status === 'Processing';
  const tab = isProcessing ? onTheirWay(db) : sentLeadingTo(db, status);
  const [rows, count] = await Promise.all([
    tab
      .selectAll('ledger_request')
      .orderBy(isProcessing ? 'decision.decided_at' : 'ledger_request.left_at', 'desc')
      .orderBy('ledger_request.request_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    tab.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit, total: Number(count.n) };
}
