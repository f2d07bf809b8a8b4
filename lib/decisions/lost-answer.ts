import type { OutcomeCode } from '@/lib/concur/model';
import { requestRun } from '@/lib/jobs/lease';
import { firstCleanPollAfter, hasLeftBetween } from '@/lib/ledger/history';
import { POLLER_JOB } from '@/lib/ledger/poller';
import type { DeliverDeps } from './deliver';
import type { SendOutcome } from './sending';
import type { DecisionRow } from './store';

/**
 * A PUT whose answer was lost (a timeout, a reset, a 500/502/504, or a crash between sending
 * and recording) is never sent again blindly. A PUT pops the request from Concur's queue, so the
 * poll of the queue settles it; until then the decision waits.
 */

/** Checks again this soon whether a poll has shown where a PUT with a lost answer went. */
export const LOST_ANSWER_RECHECK_MS = 10_000;

/**
 * How long after a PUT left Concur may still apply it: Concur promises an answer "within 60
 * seconds" and our own time limit may be up to 120 s; the margin covers clocks that differ
 * between instances.
 */
export const LATE_APPLY_MS = 150_000;

export const LOST_ANSWER_MESSAGE =
  'Concur did not confirm it. Checking its queue to see whether it arrived; nothing is sent again until then.';

/** How long after a PUT of each code Concur returns the request to the queue (requeue). */
const REQUEUE_AFTER_MS: Partial<Record<OutcomeCode, number>> = {
  CRRET: 60 * 60_000,
  CREU1: 24 * 60 * 60_000,
  CREU2: 24 * 60 * 60_000,
  CREU3: 24 * 60 * 60_000,
};

/**
 * A PUT whose answer was lost: the first clean poll that began once Concur could no longer be
 * applying it tells whether it did. Gone from the queue by then, it did (confirmed by absence);
 * still there, it did not, and it may be sent again (null: the send goes on, and finds a
 * request that has left since a conflict). Before such a poll, it waits.
 */
export async function settleLostAnswer(
  deps: DeliverDeps,
  decision: DecisionRow,
  since: string,
  code: OutcomeCode,
): Promise<SendOutcome | null> {
  const now = deps.now?.() ?? new Date();
  // Concur may still apply a PUT we gave up waiting for: only a poll begun after that could have
  // happened tells.
  const cycle = await firstCleanPollAfter(
    deps.db,
    new Date(Date.parse(since) + (deps.lateApplyMs ?? LATE_APPLY_MS)).toISOString(),
  );
  if (!cycle) {
    await requestRun(deps.db, POLLER_JOB);
    return {
      state: 'failed',
      error: LOST_ANSWER_MESSAGE,
      correlationId: decision.correlation_id,
      nextAttemptAt: new Date(now.getTime() + LOST_ANSWER_RECHECK_MS).toISOString(),
      unconfirmedSince: since,
      isQuiet: true,
    };
  }
  // What that poll found, not what the ledger says now: the request may have left since, for
  // another reason. A clean poll that did not see it recorded it as gone as of its start.
  if (await hasLeftBetween(deps.db, decision.request_id, since, cycle.startedAt)) {
    return {
      state: 'sent',
      confirmedBy: 'absence',
      correlationId: null,
      ...(code !== decision.outcome_code ? { sentInstead: code } : {}),
    };
  }
  const requeueMs = REQUEUE_AFTER_MS[code];
  if (requeueMs !== undefined && Date.parse(cycle.startedAt) - Date.parse(since) >= requeueMs) {
    // Back in the queue by now either way: the queue cannot tell whether our PUT arrived.
    return {
      state: 'failed',
      error:
        'Concur did not confirm it, and the queue can no longer show whether it arrived. Check the request in Concur before sending it again.',
      correlationId: decision.correlation_id,
      nextAttemptAt: null,
    };
  }
  return null;
}
