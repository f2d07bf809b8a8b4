import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { type ConcurClient, ConcurError, type ConnectionRequest, isInvalidGrant, isOutcomeUnknown } from '@/lib/concur';
import { isAwaitingOutcome, type OutcomeCode } from '@/lib/concur/model';
import type { Keyring } from '@/lib/connections/keyring';
import { type ConnectionRow, connectionForDecision, storeConnection } from '@/lib/connections/vault';
import type { Db } from '@/lib/db';
import { lastNameFirst } from '@/lib/display-name';
import { requestRun } from '@/lib/jobs/lease';
import { POLLER_JOB } from '@/lib/ledger/poller';
import { getLedgerEntry } from '@/lib/ledger/store';
import { LOST_ANSWER_MESSAGE, LOST_ANSWER_RECHECK_MS, settleLostAnswer } from './lost-answer';
import {
  countAttempt,
  finishSend,
  noteTraveller,
  renewLease,
  type SendOutcome,
  setSentCode,
  takeLease,
} from './sending';
import { type DecisionRow, getDecision } from './store';

/**
 * Sends one recorded decision to Concur, at most once in effect. Before each PUT the request is
 * compared with the latest poll of Concur's queue (the ledger): if it changed since the agent
 * decided, or left the queue, nothing is sent (conflict). A PUT whose answer was lost is
 * confirmed by the request leaving the queue (a PUT pops it), and sent again only if a later
 * poll still finds it queued.
 */

export type DeliverDeps = {
  db: Db;
  concur: ConcurClient;
  logger: Logger;
  /** Identifies this sender (process) in leases. */
  owner: string;
  leaseMs: number;
  /** The keys the traveller's tokens (and the ledger's values) are sealed under. */
  keyring: () => Keyring;
  /** CONCUR_GET_BY_ID: also read the request by id before a send (off in production by default). */
  isGetByIdAllowed?: boolean;
  /** How long a PUT whose answer was lost may still be applied (LATE_APPLY_MS unless a test says). */
  lateApplyMs?: number;
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

/**
 * The decision's view of the request against Concur's queue as the latest poll saw it (or as
 * GET by id showed it, where CONCUR_GET_BY_ID allows that): what changed, in words, or null.
 */
export function describeChange(decision: DecisionRow, current: ConnectionRequest | null): string | null {
  if (!current) return 'Concur no longer has this request in its queue.';
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
    // Whether an earlier PUT arrived is as open as before: its mark stays (unconfirmedSince unset).
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
    // Concur answered, or certainly did not act: no PUT of ours is left in doubt.
    ...(isOutcomeUnknown(error) ? {} : { unconfirmedSince: null }),
  };
}

/** The code to PUT: the one decided, unless a connect had to become a retry (see below). */
function codeToSend(decision: DecisionRow): OutcomeCode {
  return decision.sent_code ?? decision.outcome_code;
}

/** Another sender took the decision over (our lease ran out): nothing more goes from here. */
const LEASE_LOST: SendOutcome = {
  state: 'failed',
  error: 'Another sender took this decision over; it goes from there.',
  correlationId: null,
  nextAttemptAt: null,
};

async function put(deps: DeliverDeps, decision: DecisionRow, code: OutcomeCode): Promise<SendOutcome> {
  // Marked unconfirmed before it goes: a crash before the answer is recorded leaves the same
  // question as a lost answer, and the same poll settles it.
  const sentAt = deps.now?.() ?? new Date();
  if (!(await countAttempt(deps.db, decision.id, deps.owner, { isPut: true, now: sentAt }))) return LEASE_LOST;
  try {
    const result = await deps.concur.updateConnectionRequest(decision.request_id, code);
    return {
      state: 'sent',
      confirmedBy: result.confirmedBy,
      correlationId: null,
      ...(code !== decision.outcome_code ? { sentInstead: code } : {}),
    };
  } catch (error) {
    if (!isOutcomeUnknown(error)) return failure(deps, decision, error, decision.attempts + 1);
    // Concur may have applied it. A PUT pops the request from the queue: the next poll tells.
    deps.logger.warn(
      {
        event: 'decision.send.unconfirmed',
        decisionId: decision.id,
        kind: error.kind,
        status: error.status,
        correlationId: error.correlationId,
      },
      'a PUT was sent but its answer was lost: waiting for a poll to confirm it',
    );
    await requestRun(deps.db, POLLER_JOB);
    const now = deps.now?.() ?? new Date();
    return {
      state: 'failed',
      error: LOST_ANSWER_MESSAGE,
      correlationId: error.correlationId,
      nextAttemptAt: new Date(now.getTime() + LOST_ANSWER_RECHECK_MS).toISOString(),
      unconfirmedSince: sentAt.toISOString(),
    };
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
 * (once per decision) before the PUT. Null when the tokens are stored and CRSUC may go. The
 * token is the newest we hold; a poll may bring a newer one while we exchange (Concur may issue
 * one upon every GET), so a refused token is tried once more if a newer one arrived meanwhile.
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
  let token = current.requestToken;
  for (let tries = 0; ; tries += 1) {
    if (!token) return retryInstead(deps, decision);
    // Counted before the exchange: the token is spent even if this process dies right after.
    if (!(await countAttempt(deps.db, decision.id, deps.owner))) return LEASE_LOST;
    let tokens: Awaited<ReturnType<ConcurClient['exchangeRequestToken']>>;
    try {
      tokens = await deps.concur.exchangeRequestToken({ userId: current.userId, requestToken: token });
    } catch (error) {
      if (!isInvalidGrant(error)) return failure(deps, decision, error, decision.attempts + tries + 1);
      const newer =
        tries === 0
          ? (await getLedgerEntry(deps.db, deps.keyring(), decision.request_id, { withToken: true }))?.request
              .requestToken
          : null;
      if (newer && newer !== token) {
        token = newer;
        continue;
      }
      return retryInstead(deps, { ...decision, attempts: decision.attempts + tries + 1 });
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
}

/**
 * The request as far as we can tell now: the ledger's latest snapshot while it is in the
 * queue (null once it left), and where CONCUR_GET_BY_ID allows it, Concur's answer by id too,
 * which then also gives the newest request token.
 */
async function currentRequest(
  deps: DeliverDeps,
  decision: DecisionRow,
  isConnect: boolean,
  connection: ConnectionRow | undefined,
): Promise<ConnectionRequest | null> {
  const entry = await getLedgerEntry(deps.db, deps.keyring(), decision.request_id, { withToken: isConnect });
  // Gone from the list only after our own exchange: Concur may list only Pending requests, and
  // an exchange may make it Processing. Its last snapshot stands; Concur refuses the PUT if not.
  const isGoneAfterOurExchange =
    connection !== undefined && entry?.left?.reason === 'gone' && entry.left.at >= connection.connected_at;
  const fromLedger = entry && (!entry.left || isGoneAfterOurExchange) ? entry.request : null;
  if (!deps.isGetByIdAllowed || !fromLedger) return fromLedger;
  const byId = await deps.concur.getConnectionRequest(decision.request_id);
  if (!byId) return null;
  // Both must agree that nothing changed: the ledger's view is what the agent saw.
  return { ...byId, status: byId.reportedCode ? fromLedger.status : byId.status };
}

async function attemptSend(deps: DeliverDeps, decision: DecisionRow): Promise<SendOutcome> {
  const code = codeToSend(decision);
  if (decision.unconfirmed_since) {
    const settled = await settleLostAnswer(deps, decision, decision.unconfirmed_since, code);
    if (settled) return settled;
  }
  const isConnect = code === 'CRSUC';
  const connection = isConnect ? await connectionForDecision(deps.db, decision.id) : undefined;
  let current: ConnectionRequest | null;
  try {
    current = await currentRequest(deps, decision, isConnect, connection);
  } catch (error) {
    return failure(deps, decision, error, decision.attempts);
  }
  if (current && decision.traveller_name === null) {
    await noteTraveller(deps.db, decision.id, { name: lastNameFirst(current), concurUserId: current.userId });
  }
  // Our own token exchange (its tokens are stored) may move the request on at Concur
  // (Processing, a new lastModified): that change is ours, not a conflict. Without stored
  // tokens any change counts: a retry must not connect on data the agent never saw.
  const isOurExchange = current !== null && connection !== undefined;
  const change = isOurExchange ? null : describeChange(decision, current);
  if (change) return { state: 'conflict', error: `Nothing was sent. ${change}` };
  if (!current || !isAwaitingOutcome(current.status)) {
    return { state: 'conflict', error: `Nothing was sent: the request is ${current?.status ?? 'gone'}.` };
  }
  if (isConnect && !connection) {
    // An earlier attempt may have spent the token without its tokens reaching our vault: then
    // the exchange is refused, and the request is retried instead.
    const refused = await exchangeTokens(deps, decision, current);
    if (refused) return refused;
    const attempts = (await getDecision(deps.db, decision.id))?.attempts ?? decision.attempts + 1;
    return put(deps, { ...decision, attempts }, code);
  }
  return put(deps, decision, code);
}

/**
 * One delivery's name in the send lease: this process's name and a token of its own. A
 * process runs several senders (the outbox, the matcher, people's actions); were they to share
 * a name, each would take the lease the other holds, and both would send.
 */
export function newSender(owner: string): string {
  return `${owner}/${randomUUID().slice(0, 8)}`;
}

/**
 * Sends the decision if this delivery can take its lease, or already holds it as `sender`
 * (recorded or promoted under that name just before). `busy` when another delivery holds it
 * or it is no longer open.
 */
export async function deliverDecision(
  base: DeliverDeps,
  decisionId: string,
  sender = newSender(base.owner),
): Promise<DeliveryResult> {
  const deps: DeliverDeps = { ...base, owner: sender };
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
