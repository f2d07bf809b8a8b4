import type { OutcomeCode } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import type { Env } from '@/lib/env';
import { currentEvaluations, evidenceOf } from './evaluations';
import {
  type ExceptionReason,
  exceptionLabels,
  exceptionReasons,
  type MatchRule,
  matchRules,
  ruleLabels,
} from './rules';
import { type MatcherSettings, readMatcherSettings } from './settings';

/**
 * What the screens show of the matcher: per request (the list's rows, the detail page), and
 * the whole (the Settings page). Member ids and labels only: no personal data.
 */

export type HeldView = { decisionId: string; holdUntil: string; outcomeCode: OutcomeCode; memberId: string | null };

export type MatcherView = {
  verdict: 'connect' | 'fail' | 'exception';
  rule: MatchRule | null;
  /** The rule or the exception's reason, in words. */
  label: string;
  reason: ExceptionReason | null;
  memberId: string | null;
  outcomeCode: OutcomeCode | null;
  evaluatedAt: string;
  candidateCount: number;
  /** The matcher's decision waiting out its hold, which staff may override. */
  held: HeldView | null;
  /** A person cancelled or overrode the matcher on this view of the request. */
  turnedDown: { state: 'cancelled' | 'overridden'; byId: string | null; at: string | null } | null;
};

const asRule = (value: string | null): MatchRule | null => matchRules.find((rule) => rule === value) ?? null;
const asReason = (value: string | null): ExceptionReason | null =>
  exceptionReasons.find((reason) => reason === value) ?? null;

/** The matcher's view of each request, by request id; requests it never judged are left out. */
export async function matcherViewsFor(db: Db, requestIds: readonly string[]): Promise<Map<string, MatcherView>> {
  if (requestIds.length === 0) return new Map();
  const [evaluations, decisions] = await Promise.all([
    currentEvaluations(db, requestIds),
    db
      .selectFrom('decision')
      .innerJoin('ledger_request', 'ledger_request.request_id', 'decision.request_id')
      .select([
        'decision.id',
        'decision.request_id',
        'decision.send_state',
        'decision.hold_until',
        'decision.outcome_code',
        'decision.member_id',
        'decision.ended_by',
        'decision.ended_at',
        'decision.based_on_last_modified',
        'ledger_request.last_modified',
      ])
      .where('decision.request_id', 'in', [...requestIds])
      .where('decision.send_state', 'in', ['held', 'cancelled', 'overridden'])
      .orderBy('decision.decided_at', 'desc')
      .execute(),
  ]);
  const views = new Map<string, MatcherView>();
  for (const [requestId, evaluation] of evaluations) {
    const mine = decisions.filter((row) => row.request_id === requestId);
    const held = mine.find((row) => row.send_state === 'held');
    const turnedDown = mine.find(
      (row) =>
        (row.send_state === 'cancelled' || row.send_state === 'overridden') &&
        row.based_on_last_modified === row.last_modified,
    );
    const rule = asRule(evaluation.rule);
    const reason = turnedDown && !held ? 'cancelled' : asReason(evaluation.reason);
    views.set(requestId, {
      verdict: turnedDown && !held ? 'exception' : evaluation.verdict,
      rule,
      label: reason ? exceptionLabels[reason] : rule ? ruleLabels[rule] : 'Judged',
      reason,
      memberId: evaluation.member_id,
      outcomeCode: evaluation.outcome_code,
      evaluatedAt: evaluation.evaluated_at,
      candidateCount: evidenceOf(evaluation).candidates.length,
      held: held?.hold_until
        ? { decisionId: held.id, holdUntil: held.hold_until, outcomeCode: held.outcome_code, memberId: held.member_id }
        : null,
      turnedDown:
        turnedDown && (turnedDown.send_state === 'cancelled' || turnedDown.send_state === 'overridden')
          ? { state: turnedDown.send_state, byId: turnedDown.ended_by, at: turnedDown.ended_at }
          : null,
    });
  }
  return views;
}

export type RuleAgreement = { rule: MatchRule; label: string; agree: number; disagree: number };
export type ExceptionCount = { reason: ExceptionReason; label: string; waiting: number };

export type MatcherOverview = {
  settings: MatcherSettings;
  held: number;
  /** Queued requests the matcher left to people, now, by reason. */
  exceptions: ExceptionCount[];
  /** Staff decisions compared with the matcher's judgement of the same request, per rule. */
  agreement: RuleAgreement[];
};

export async function matcherOverview(db: Db, env: Pick<Env, 'matcher'>): Promise<MatcherOverview> {
  const [settings, held, waiting, agreement] = await Promise.all([
    readMatcherSettings(db, env),
    db
      .selectFrom('decision')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('send_state', '=', 'held')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('match_evaluation')
      .innerJoin('ledger_request', 'ledger_request.request_id', 'match_evaluation.request_id')
      .select(['match_evaluation.reason', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('match_evaluation.superseded_at', 'is', null)
      .where('match_evaluation.verdict', '=', 'exception')
      .where('ledger_request.left_at', 'is', null)
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
      .groupBy('match_evaluation.reason')
      .execute(),
    db
      .selectFrom('match_evaluation')
      .select(['rule', 'agreement', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('agreement', 'is not', null)
      .groupBy(['rule', 'agreement'])
      .execute(),
  ]);
  const countOf = (rule: MatchRule, value: 'agree' | 'disagree') =>
    Number(agreement.find((row) => row.rule === rule && row.agreement === value)?.n ?? 0);
  return {
    settings,
    held: Number(held.n),
    exceptions: waiting.flatMap((row) => {
      const reason = asReason(row.reason);
      return reason ? [{ reason, label: exceptionLabels[reason], waiting: Number(row.n) }] : [];
    }),
    agreement: matchRules.map((rule) => ({
      rule,
      label: ruleLabels[rule],
      agree: countOf(rule, 'agree'),
      disagree: countOf(rule, 'disagree'),
    })),
  };
}
