import { AUTO_MATCH_ACTOR } from '@/lib/audit/describe';
import type { Keyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import { type DeliverDeps, deliverDecision } from '@/lib/decisions/deliver';
import type { Env } from '@/lib/env';
import { type LedgerRow, toEntry } from '@/lib/ledger/store';
import type { MemberDirectory } from '@/lib/members/directory';
import { findCandidates } from '@/lib/members/find';
import { membersChangedAt } from '@/lib/settings/store';
import { basisOf, dueForJudgement, type EvaluationRow, recordEvaluation, verdictOf } from './evaluations';
import { endHeld, heldDecisionFor, holdDecision, promoteDue, relinkHeld, withdrawAllHeld, withdrawLeft } from './hold';
import { failedBeforeVerdict, judge, lookupFailed, type Verdict } from './rules';
import { checkSelfPause } from './self-pause';
import { type MatcherSettings, readMatcherSettings } from './settings';

/**
 * One pass of the matcher: judge the queued requests that need it (new, back from a requeue,
 * changed, or after a member import), then, under `auto` and not paused, hold a decision for
 * each request a rule covers and send the ones whose hold ended. Under `shadow` only the
 * judgements are kept; under `off` nothing happens.
 */

export type MatcherDeps = DeliverDeps & {
  directory: MemberDirectory;
  env: Pick<Env, 'matcher'>;
  /** Requests judged per batch; a pass goes on until none is due. */
  batchSize?: number;
};

export type PassResult = {
  policy: MatcherSettings['policy'];
  judged: number;
  held: number;
  withdrawn: number;
  sent: number;
  pausedNow: string | null;
};

const BATCH = 200;

function isSameDecision(verdict: Verdict, held: { outcome_code: string; member_id: string | null }): boolean {
  if (verdict.kind === 'exception') return false;
  return (
    verdict.outcomeCode === held.outcome_code && (verdict.kind !== 'connect' || verdict.memberId === held.member_id)
  );
}

async function judgeOne(
  deps: MatcherDeps,
  keyring: Keyring,
  row: LedgerRow,
  settings: MatcherSettings,
): Promise<Verdict> {
  try {
    // Inside: a row sealed under a key no longer configured must not stop every pass.
    const { request } = toEntry(keyring, row);
    return judge(request, await findCandidates(deps.directory, request), settings);
  } catch (error) {
    deps.logger.warn(
      {
        event: 'matcher.lookup.failed',
        requestId: row.request_id,
        errorName: error instanceof Error ? error.name : typeof error,
      },
      'looking up members for the matcher failed',
    );
    return lookupFailed();
  }
}

/**
 * A held decision whose judgement changed is withdrawn; one judged the same again, on the same
 * view of the request, keeps its hold. On a view Concur changed since, it would only end in a
 * conflict when sent: it is withdrawn, and a new one held on the new view.
 */
async function settleHeld(deps: MatcherDeps, row: LedgerRow, evaluation: EvaluationRow, now: Date): Promise<number> {
  const held = await heldDecisionFor(deps.db, evaluation.request_id);
  if (!held) return 0;
  if (isSameDecision(verdictOf(evaluation), held) && held.based_on_last_modified === row.last_modified) {
    await relinkHeld(deps.db, held.id, evaluation.id);
    return 0;
  }
  const reason = 'The matcher judged the request again (it came back, changed, or the members changed).';
  return (await endHeld(deps.db, held.id, { state: 'withdrawn', by: AUTO_MATCH_ACTOR, reason }, now)) ? 1 : 0;
}

/** Current judgements a rule decided, on a queued request with no decision made from them yet. */
async function coveredWithoutDecision(db: Db, limit: number) {
  return (
    db
      .selectFrom('match_evaluation')
      .innerJoin('ledger_request', 'ledger_request.request_id', 'match_evaluation.request_id')
      .selectAll('match_evaluation')
      .select([
        'ledger_request.last_modified as ledger_last_modified',
        'ledger_request.times_returned as ledger_times_returned',
      ])
      .where('match_evaluation.superseded_at', 'is', null)
      .where('match_evaluation.verdict', 'in', ['connect', 'fail'])
      .where('ledger_request.left_at', 'is', null)
      // Three separate tests, so each can use its index (an OR of them would scan every decision).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decision')
              .select('decision.id')
              .whereRef('decision.evaluation_id', '=', 'match_evaluation.id')
              // One the matcher withdrew itself (auto was left, say) may be held again.
              .where('decision.send_state', '!=', 'withdrawn'),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decision')
              .select('decision.id')
              .whereRef('decision.request_id', '=', 'match_evaluation.request_id')
              .where('decision.send_state', 'in', ['held', 'sending', 'failed']),
          ),
        ),
      )
      // Answered before with a final code (CREU comes back after 24 h): a person decides it now.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decision')
              .select('decision.id')
              .whereRef('decision.request_id', '=', 'match_evaluation.request_id')
              .where('decision.send_state', '=', 'sent')
              .where((eb) => eb(eb.fn.coalesce('decision.sent_code', 'decision.outcome_code'), '!=', 'CRRET')),
          ),
        ),
      )
      // A person already turned the matcher down on this view of the request.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decision')
              .select('decision.id')
              .whereRef('decision.request_id', '=', 'match_evaluation.request_id')
              .where('decision.send_state', 'in', ['cancelled', 'overridden'])
              .whereRef('decision.based_on_last_modified', '=', 'ledger_request.last_modified'),
          ),
        ),
      )
      .orderBy('match_evaluation.evaluated_at')
      .limit(limit)
      .execute()
  );
}

/** Holds a decision for every request a rule covers that has none yet. */
async function holdCovered(deps: MatcherDeps, settings: MatcherSettings, now: Date): Promise<number> {
  let held = 0;
  for (;;) {
    const covered = await coveredWithoutDecision(deps.db, deps.batchSize ?? BATCH);
    let madeThisRound = 0;
    for (const evaluation of covered) {
      const row = await deps.db
        .selectFrom('ledger_request')
        .selectAll()
        .where('request_id', '=', evaluation.request_id)
        .executeTakeFirst();
      // Judged on another view of the request: it is judged again before anything is held.
      if (!row || row.left_at || basisOf(row) !== evaluation.basis) continue;
      const decision = await holdDecision(deps.db, { row, evaluation, holdMs: settings.holdMs }, now);
      if (decision) {
        held += 1;
        madeThisRound += 1;
      }
    }
    if (covered.length < (deps.batchSize ?? BATCH) || madeThisRound === 0) return held;
  }
}

/**
 * Sends the held decisions whose hold ended, one promoted right before its delivery, so a pause
 * or a policy change stops all but the one being sent (the promotion itself checks both).
 */
async function sendDue(deps: MatcherDeps, now: Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const [promoted] = await promoteDue(deps.db, { owner: deps.owner, ms: deps.leaseMs }, now, 1, deps.env);
    if (!promoted) return sent;
    if ((await deliverDecision(deps, promoted.id, promoted.sender)).state === 'sent') sent += 1;
  }
}

/** Requests we already answered with a final code: CREU1-3 come back after 24 h, for a person. */
async function failedBefore(db: Db, requestIds: string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('decision')
    .select('request_id')
    .where('request_id', 'in', requestIds)
    .where('send_state', '=', 'sent')
    .where((eb) => eb(eb.fn.coalesce('sent_code', 'outcome_code'), '!=', 'CRRET'))
    .execute();
  return new Set(rows.map((row) => row.request_id));
}

/** SQLite answers synchronously: without a turn of the event loop now and then, a long pass would hold up pages. */
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * One pass. `isQuick` (nothing was polled, imported or set since the last full pass: see
 * runner.ts) only sends the held decisions whose hold ended and checks the self-pause, which
 * keeps each second's tick cheap on a long queue.
 */
export async function matchPass(deps: MatcherDeps, options: { isQuick?: boolean } = {}): Promise<PassResult> {
  const now = () => deps.now?.() ?? new Date();
  let settings = await readMatcherSettings(deps.db, deps.env);
  const result: PassResult = { policy: settings.policy, judged: 0, held: 0, withdrawn: 0, sent: 0, pausedNow: null };
  // Held decisions outlive no policy but auto: one held while an admin switched away (or left
  // over from AUTO_MATCH=auto before a restart) is withdrawn here.
  if (settings.policy !== 'auto')
    result.withdrawn += await withdrawAllHeld(deps.db, `Auto-match is ${settings.policy}.`, now());
  if (settings.policy === 'off') return result;
  const isActing = () => settings.policy === 'auto' && !settings.pause;
  if (options.isQuick) {
    if (isActing()) await finishActing(deps, settings, result, now, { isQuick: true });
    return result;
  }
  for (;;) {
    // Read before the lookups: an import committed after this is judged again on the next pass.
    const membersMark = await membersChangedAt(deps.db);
    const rows = await dueForJudgement(deps.db, now(), deps.batchSize ?? BATCH, membersMark);
    const keyring = deps.keyring();
    const answered = await failedBefore(
      deps.db,
      rows.map((row) => row.request_id),
    );
    for (const row of rows) {
      await yieldToLoop();
      const verdict = answered.has(row.request_id)
        ? failedBeforeVerdict()
        : await judgeOne(deps, keyring, row, settings);
      const evaluation = await recordEvaluation(deps.db, { row, verdict, policy: settings.policy, membersMark }, now());
      if (!evaluation) continue;
      result.judged += 1;
      result.withdrawn += await settleHeld(deps, row, evaluation, now());
    }
    // Settings are read again between batches: a pause or a policy change applies within one.
    settings = await readMatcherSettings(deps.db, deps.env);
    if (isActing()) {
      result.held += await holdCovered(deps, settings, now());
      result.sent += await sendDue(deps, now());
    }
    if (rows.length < (deps.batchSize ?? BATCH)) break;
  }
  result.withdrawn += await withdrawLeft(deps.db, now());
  if (isActing()) await finishActing(deps, settings, result, now, { isQuick: false });
  return result;
}

async function finishActing(
  deps: MatcherDeps,
  settings: MatcherSettings,
  result: PassResult,
  now: () => Date,
  options: { isQuick: boolean },
): Promise<void> {
  if (!options.isQuick) result.held += await holdCovered(deps, settings, now());
  result.sent += await sendDue(deps, now());
  result.pausedNow = await checkSelfPause(deps.db, settings.resumedAt, now());
  if (result.pausedNow) {
    deps.logger.warn({ event: 'matcher.paused', reason: result.pausedNow }, 'the matcher paused itself');
  }
}
