import 'server-only';
import { AUTO_MATCH_ACTOR, AUTO_MATCH_NAME } from '@/lib/audit/describe';
import { type ConnectionRequestStatus, type OutcomeCode, outcomeCodes, statusAfterOutcome } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import type { DecisionSendState } from '@/lib/db/types';
import { MAX_AUTOMATIC_ATTEMPTS } from './deliver';

export type { DecisionSendState };

/** A decision as staff see it: who decided what and where its sending stands. No request token, no PII. */
export type DecisionView = {
  id: string;
  requestId: string;
  travellerName: string | null;
  outcomeCode: OutcomeCode;
  /** What was actually sent, when not the decided code: CRRET for a connect whose token had expired. */
  sentCode: OutcomeCode | null;
  memberId: string | null;
  decidedByName: string;
  decidedAt: string;
  note: string | null;
  sendState: DecisionSendState;
  attempts: number;
  lastError: string | null;
  correlationId: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** A failed send that only a person can restart: automatic resends have stopped. */
  needsHand: boolean;
};

function decisionsQuery(db: Db) {
  return db
    .selectFrom('decision')
    .leftJoin('user', 'user.id', 'decision.decided_by')
    .select([
      'decision.id',
      'decision.request_id',
      'decision.traveller_name',
      'decision.outcome_code',
      'decision.sent_code',
      'decision.member_id',
      'decision.decided_by',
      'user.name as decided_by_name',
      'decision.decided_at',
      'decision.note',
      'decision.send_state',
      'decision.attempts',
      'decision.last_error',
      'decision.correlation_id',
      'decision.next_attempt_at',
      'decision.sent_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof decisionsQuery>['execute']>>[number];

function toView(row: Row): DecisionView {
  return {
    id: row.id,
    requestId: row.request_id,
    travellerName: row.traveller_name,
    outcomeCode: row.outcome_code,
    sentCode: row.sent_code,
    memberId: row.member_id,
    decidedByName:
      row.decided_by === AUTO_MATCH_ACTOR ? AUTO_MATCH_NAME : (row.decided_by_name ?? 'A former staff member'),
    decidedAt: row.decided_at,
    note: row.note,
    sendState: row.send_state,
    attempts: row.attempts,
    lastError: row.last_error,
    correlationId: row.correlation_id,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    needsHand: row.send_state === 'failed' && (row.next_attempt_at === null || row.attempts >= MAX_AUTOMATIC_ATTEMPTS),
  };
}

/** A request's decisions from our records, newest first. */
export async function decisionsForRequest(db: Db, requestId: string): Promise<DecisionView[]> {
  const rows = await decisionsQuery(db)
    .where('decision.request_id', '=', requestId)
    .orderBy('decision.decided_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(toView);
}

/** The latest decision of each of a page of requests, in one query, for the list. */
export async function latestDecisions(db: Db, requestIds: string[]): Promise<Map<string, DecisionView>> {
  if (requestIds.length === 0) return new Map();
  const rows = await decisionsQuery(db)
    .where('decision.request_id', 'in', requestIds)
    .orderBy('decision.decided_at', 'desc')
    .execute();
  const latest = new Map<string, DecisionView>();
  for (const row of rows) if (!latest.has(row.request_id)) latest.set(row.request_id, toView(row));
  return latest;
}

export const DECIDED_PAGE_SIZE = 25;

/**
 * Our decisions newest first whose outcome leads to `leadingTo` (Connected, Failed, Retry):
 * Concur no longer returns those requests. None lead to Pending or Processing.
 */
export async function listDecisions(
  db: Db,
  filter: { leadingTo: ConnectionRequestStatus; page: number },
): Promise<{ items: DecisionView[]; hasMore: boolean }> {
  const codes = outcomeCodes.filter((code) => statusAfterOutcome[code] === filter.leadingTo);
  if (codes.length === 0) return { items: [], hasMore: false };
  const rows = await decisionsQuery(db)
    .where('decision.outcome_code', 'in', codes)
    .orderBy('decision.decided_at', 'desc')
    .orderBy('decision.id')
    .offset(filter.page * DECIDED_PAGE_SIZE)
    .limit(DECIDED_PAGE_SIZE + 1)
    .execute();
  return { items: rows.slice(0, DECIDED_PAGE_SIZE).map(toView), hasMore: rows.length > DECIDED_PAGE_SIZE };
}
