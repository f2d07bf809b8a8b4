import type { Logger } from 'pino';
import { type ConcurClient, ConcurError, type ConnectionRequest, type OutcomeCode } from '@/lib/concur';
import { statusAfterOutcome } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { countAttempt, type DecisionRow, finishSend, noteTraveller, type SendOutcome, takeLease } from './store';

/**
 * Sends one recorded decision to Concur, at most once in effect. Before each PUT the request is
 * read again: if it changed since the agent decided, nothing is sent (conflict); if it already
 * shows our outcome after an attempt of ours, the answer was lost and it is sent.
 */

export type DeliverDeps = {
  db: Db;
  concur: ConcurClient;
  logger: Logger;
  /** Identifies this sender (process) in leases. */
  owner: string;
  leaseMs: number;
  now?: () => Date;
};

/** Automatic resends stop after this many attempts; staff can still resend by hand. */
export const MAX_AUTOMATIC_ATTEMPTS = 8;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export function backoffMs(attempts: number, retryAfterMs: number | null): number {
  const exponential = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

export type DeliveryResult = SendOutcome | { state: 'busy' };

/** The decision's view of the request against Concur's now: what changed, in words, or null. */
export function describeChange(decision: DecisionRow, current: ConnectionRequest | null): string | null {
  if (!current) return 'Concur no longer has this request.';
  const changes: string[] = [];
  if (current.status !== decision.based_on_status) {
    changes.push(`its status is now ${current.status} (it was ${decision.based_on_status})`);
  }
  if (current.lastModified !== decision.based_on_last_modified) {
    changes.push(`it was modified at ${current.lastModified} UTC`);
  }
  return changes.length === 0 ? null : `The request changed since it was loaded: ${changes.join(' and ')}.`;
}

export function travellerName(request: Pick<ConnectionRequest, 'firstName' | 'lastName'>): string {
  return request.firstName ? `${request.lastName}, ${request.firstName}` : request.lastName;
}

function isAwaitingOutcome(request: ConnectionRequest): boolean {
  return request.status === 'Pending' || request.status === 'Processing';
}

async function failure(
  deps: DeliverDeps,
  decision: DecisionRow,
  error: unknown,
  attempts: number,
): Promise<SendOutcome> {
  const now = deps.now?.() ?? new Date();
  if (!(error instanceof ConcurError)) {
    deps.logger.error(
      { event: 'decision.send.error', decisionId: decision.id, err: error instanceof Error ? error.message : error },
      'sending a decision failed unexpectedly',
    );
    return {
      state: 'failed',
      error: 'Sending failed unexpectedly. It will be tried again.',
      correlationId: null,
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, null)).toISOString(),
    };
  }
  deps.logger.warn(
    {
      event: 'decision.send.failed',
      decisionId: decision.id,
      kind: error.kind,
      status: error.status,
      correlationId: error.correlationId,
      err: error.message,
    },
    'sending a decision to Concur failed',
  );
  const willRetry = error.isTransient && attempts < MAX_AUTOMATIC_ATTEMPTS;
  return {
    state: 'failed',
    error: error.isTransient
      ? `Concur did not confirm it (${error.status ? `HTTP ${error.status}` : 'no answer'}).${willRetry ? ' It will be sent again automatically.' : ' Send it again when Concur answers.'}`
      : `Concur refused it (${error.status ? `HTTP ${error.status}` : error.kind}). An administrator should check the server log.`,
    correlationId: error.correlationId,
    nextAttemptAt: willRetry ? new Date(now.getTime() + backoffMs(attempts, error.retryAfterMs)).toISOString() : null,
  };
}

async function attemptSend(deps: DeliverDeps, decision: DecisionRow): Promise<SendOutcome> {
  const code = decision.outcome_code as OutcomeCode;
  let current: ConnectionRequest | null;
  try {
    current = await deps.concur.getConnectionRequest(decision.request_id);
  } catch (error) {
    return failure(deps, decision, error, decision.attempts);
  }
  if (current && decision.traveller_name === null) {
    await noteTraveller(deps.db, decision.id, { name: travellerName(current), concurUserId: current.userId });
  }
  const change = describeChange(decision, current);
  if (change) {
    // One of our earlier attempts reached Concur even though its answer did not reach us.
    if (current && decision.attempts > 0 && current.status === statusAfterOutcome[code]) {
      return { state: 'sent', confirmedBy: 'read-back', correlationId: null };
    }
    return { state: 'conflict', error: `Nothing was sent. ${change}` };
  }
  if (!current || !isAwaitingOutcome(current)) {
    return { state: 'conflict', error: `Nothing was sent: the request is ${current?.status ?? 'gone'}.` };
  }
  await countAttempt(deps.db, decision.id, deps.owner);
  try {
    const result = await deps.concur.updateConnectionRequest(decision.request_id, code);
    return { state: 'sent', confirmedBy: result.confirmedBy, correlationId: null };
  } catch (error) {
    return failure(deps, decision, error, decision.attempts + 1);
  }
}

/**
 * Sends the decision if this sender can take (or already holds) its lease. `busy` when another
 * sender holds it or it is no longer open.
 */
export async function deliverDecision(deps: DeliverDeps, decisionId: string): Promise<DeliveryResult> {
  const now = deps.now?.() ?? new Date();
  const decision = await takeLease(deps.db, decisionId, { owner: deps.owner, ms: deps.leaseMs }, now);
  if (!decision) return { state: 'busy' };
  const outcome = await attemptSend(deps, decision);
  await finishSend(deps.db, decision, deps.owner, outcome, deps.now?.() ?? new Date());
  deps.logger.info(
    { event: `decision.${outcome.state}`, decisionId, outcomeCode: decision.outcome_code },
    'decision delivery finished',
  );
  return outcome;
}
