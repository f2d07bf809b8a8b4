/**
 * Concur's connection request lifecycle as pure rules (see README "Sandbox"): which state an
 * outcome code leads to, when a request returns to the queue, and how long tokens live. The
 * store applies these decisions; nothing here touches the database or the clock.
 */

export const STATUSES = ['Pending', 'Processing', 'Connected', 'Failed', 'Retry'] as const;
export type Status = (typeof STATUSES)[number];

export const OUTCOME_CODES = ['CRSUC', 'CRRET', 'CREU1', 'CREU2', 'CREU3', 'CRPA1', 'CRPA2'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export type NotificationKind = 'connected' | 'failed';

const HOUR_MS = 60 * 60 * 1000;

export const REQUEST_TOKEN_TTL_MS = 24 * HOUR_MS;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 15_552_000;

const FAILURE_REQUEUE_MS = 24 * HOUR_MS;
const RETRY_REQUEUE_MS = HOUR_MS;
/** CREU* may requeue 4 times; the 5th failure is final. */
const MAX_FAILURE_REQUEUES = 4;
/** CRRET may requeue 48 times; the 49th retry is final (as Failed). */
const MAX_RETRY_REQUEUES = 48;

export type LifecycleState = {
  status: Status;
  failureCount: number;
  retryCount: number;
  requeueAt: number | null;
  /** The code that moved the request into its current state; cleared when it is requeued. */
  lastCode: OutcomeCode | null;
};

export type OutcomeDecision =
  | { kind: 'apply'; next: LifecycleState; notification: NotificationKind | null }
  | { kind: 'repeat' }
  | { kind: 'not-awaiting' };

export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && (OUTCOME_CODES as readonly string[]).includes(value);
}

function isRetryCode(code: OutcomeCode): boolean {
  return code === 'CRRET' || code === 'CRPA1' || code === 'CRPA2';
}

function nextState(state: LifecycleState, code: OutcomeCode, nowMs: number): LifecycleState {
  if (code === 'CRSUC') return { ...state, status: 'Connected', requeueAt: null, lastCode: code };
  if (isRetryCode(code)) {
    const retryCount = state.retryCount + 1;
    return retryCount <= MAX_RETRY_REQUEUES
      ? { ...state, status: 'Retry', retryCount, requeueAt: nowMs + RETRY_REQUEUE_MS, lastCode: code }
      : { ...state, status: 'Failed', retryCount, requeueAt: null, lastCode: code };
  }
  const failureCount = state.failureCount + 1;
  const requeueAt = failureCount <= MAX_FAILURE_REQUEUES ? nowMs + FAILURE_REQUEUE_MS : null;
  return { ...state, status: 'Failed', failureCount, requeueAt, lastCode: code };
}

/**
 * What a PUT of `code` does. Only Pending and Processing requests await an outcome; repeating
 * the code that produced the current state is accepted and changes nothing, so a client that
 * retries an applied PUT (its answer was lost) is not punished.
 */
export function decideOutcome(state: LifecycleState, code: OutcomeCode, nowMs: number): OutcomeDecision {
  if (state.status === 'Pending' || state.status === 'Processing') {
    const notification: NotificationKind | null = code === 'CRSUC' ? 'connected' : isRetryCode(code) ? null : 'failed';
    return { kind: 'apply', next: nextState(state, code, nowMs), notification };
  }
  return state.lastCode === code ? { kind: 'repeat' } : { kind: 'not-awaiting' };
}

/** Statuses in which a user already has a request on its way, so POST ?user= conflicts. */
export function isOpen(state: Pick<LifecycleState, 'status' | 'requeueAt'>): boolean {
  return state.status !== 'Connected' && (state.status !== 'Failed' || state.requeueAt !== null);
}

export function isRequestTokenValid(issuedAt: number | null, nowMs: number): boolean {
  return issuedAt !== null && nowMs - issuedAt < REQUEST_TOKEN_TTL_MS;
}
