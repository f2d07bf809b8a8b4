import type { Logger } from 'pino';
import { type ConcurClient, ConcurError, type ConnectionRequest, isInvalidGrant } from '@/lib/concur';
import { isAwaitingOutcome, type OutcomeCode, statusAfterOutcome } from '@/lib/concur/model';
import type { Keyring } from '@/lib/connections/keyring';
import { connectionForDecision, storeConnection } from '@/lib/connections/vault';
import type { Db } from '@/lib/db';
import { lastNameFirst } from '@/lib/display-name';
import {
  countAttempt,
  type DecisionRow,
  finishSend,
  noteTraveller,
  renewLease,
  type SendOutcome,
  setSentCode,
  takeLease,
} from './store';

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
  /** The keys the traveller's tokens are sealed under, read when a connect needs them. */
  keyring: () => Keyring;
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

/** The code to PUT: the one decided, unless a connect had to become a retry (see below). */
function codeToSend(decision: DecisionRow): OutcomeCode {
  return decision.sent_code ?? decision.outcome_code;
}

async function put(deps: DeliverDeps, decision: DecisionRow, code: OutcomeCode): Promise<SendOutcome> {
  await countAttempt(deps.db, decision.id, deps.owner);
  try {
    const result = await deps.concur.updateConnectionRequest(decision.request_id, code);
    return {
      state: 'sent',
      confirmedBy: result.confirmedBy,
      correlationId: null,
      ...(code !== decision.outcome_code ? { sentInstead: code } : {}),
    };
  } catch (error) {
    return failure(deps, decision, error, decision.attempts + 1);
  }
}

/**
 * A connect whose request token cannot be exchanged (expired, or used by an attempt whose
 * tokens were lost) becomes CRRET: Concur returns the request in about an hour with a new token.
 */
async function retryInstead(deps: DeliverDeps, decision: DecisionRow): Promise<SendOutcome> {
  await setSentCode(deps.db, decision.id, 'CRRET');
  return put(deps, { ...decision, sent_code: 'CRRET' }, 'CRRET');
}

/**
 * CRSUC means the traveller's tokens are recorded: exchange the request token and store them
 * (once per decision) before the PUT. Null when the tokens are stored and CRSUC may go.
 */
async function exchangeTokens(
  deps: DeliverDeps,
  decision: DecisionRow,
  current: ConnectionRequest,
): Promise<SendOutcome | null> {
  if (!current.userId) {
    return {
      state: 'failed',
      error:
        'Connecting needs Concur API version 3.2, which sends the Concur user id the token exchange needs. Ask an administrator to set CONCUR_API_VERSION=3.2, then send it again.',
      correlationId: null,
      nextAttemptAt: null,
    };
  }
  if (!current.requestToken) return retryInstead(deps, decision);
  // Counted before the exchange: the token is spent even if this process dies right after.
  await countAttempt(deps.db, decision.id, deps.owner);
  let tokens: Awaited<ReturnType<ConcurClient['exchangeRequestToken']>>;
  try {
    tokens = await deps.concur.exchangeRequestToken({ userId: current.userId, requestToken: current.requestToken });
  } catch (error) {
    if (isInvalidGrant(error)) return retryInstead(deps, decision);
    return failure(deps, decision, error, decision.attempts + 1);
  }
  await storeConnection(deps.db, deps.keyring(), {
    memberId: decision.member_id ?? '',
    requestId: decision.request_id,
    decisionId: decision.id,
    concurUserId: current.userId,
    connectedBy: decision.decided_by,
    tokens,
  });
  return null;
}

async function attemptSend(deps: DeliverDeps, decision: DecisionRow): Promise<SendOutcome> {
  const code = codeToSend(decision);
  let current: ConnectionRequest | null;
  try {
    current = await deps.concur.getConnectionRequest(decision.request_id);
  } catch (error) {
    return failure(deps, decision, error, decision.attempts);
  }
  if (current && decision.traveller_name === null) {
    await noteTraveller(deps.db, decision.id, { name: lastNameFirst(current), concurUserId: current.userId });
  }
  const isConnect = code === 'CRSUC';
  const connection = isConnect ? await connectionForDecision(deps.db, decision.id) : undefined;
  // Our own token exchange moves the request to Processing: that change is ours, not a conflict.
  const isOurExchange = isConnect && current?.status === 'Processing' && (decision.attempts > 0 || connection);
  const change = isOurExchange ? null : describeChange(decision, current);
  if (change) {
    // One of our earlier attempts reached Concur even though its answer did not reach us.
    if (current && decision.attempts > 0 && current.status === statusAfterOutcome[code]) {
      return { state: 'sent', confirmedBy: 'read-back', correlationId: null };
    }
    return { state: 'conflict', error: `Nothing was sent. ${change}` };
  }
  if (!current || !isAwaitingOutcome(current.status)) {
    return { state: 'conflict', error: `Nothing was sent: the request is ${current?.status ?? 'gone'}.` };
  }
  if (isConnect && !connection) {
    // An earlier attempt spent the token, but its tokens never reached our vault.
    if (isOurExchange) return retryInstead(deps, decision);
    const refused = await exchangeTokens(deps, decision, current);
    if (refused) return refused;
    return put(deps, { ...decision, attempts: decision.attempts + 1 }, code);
  }
  return put(deps, decision, code);
}

/**
 * Sends the decision if this sender can take (or already holds) its lease. `busy` when another
 * sender holds it or it is no longer open.
 */
export async function deliverDecision(deps: DeliverDeps, decisionId: string): Promise<DeliveryResult> {
  const now = deps.now?.() ?? new Date();
  const decision = await takeLease(deps.db, decisionId, { owner: deps.owner, ms: deps.leaseMs }, now);
  if (!decision) return { state: 'busy' };
  // Renewed while Concur takes its time (retries, timeouts, a read-back), so the lease can be
  // short: a sender that dies stops renewing, and another takes over within one lease.
  const heartbeat = setInterval(() => {
    renewLease(deps.db, decisionId, { owner: deps.owner, ms: deps.leaseMs }).catch((error: unknown) =>
      deps.logger.warn(
        { event: 'decision.lease.renew-failed', decisionId, err: error instanceof Error ? error.message : error },
        'renewing a send lease failed',
      ),
    );
  }, deps.leaseMs / 3);
  // Whatever goes wrong (a database hiccup, a missing key), the decision ends in a state the
  // outbox retries from, instead of waiting out its lease.
  const outcome = await attemptSend(deps, decision)
    .catch((error: unknown) => failure(deps, decision, error, decision.attempts))
    .finally(() => clearInterval(heartbeat));
  await finishSend(deps.db, decision, deps.owner, outcome, deps.now?.() ?? new Date());
  deps.logger.info(
    { event: `decision.${outcome.state}`, decisionId, outcomeCode: decision.outcome_code },
    'decision delivery finished',
  );
  return outcome;
}
