import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { type Db, isUniqueViolation } from '@/lib/db';
import type { MatchEvaluationTable, MatchPolicy } from '@/lib/db/types';
import type { LedgerRow } from '@/lib/ledger/store';
import { type Evidence, exceptionReasons, type Verdict } from './rules';

/**
 * The matcher's judgements: one current row per queued request (older ones superseded, kept
 * for the shadow counts), resting on a basis that changes when the request comes back from a
 * requeue or Concur modifies it, and judged again after a member import.
 */

export type EvaluationRow = Selectable<MatchEvaluationTable>;

/** A failed lookup is tried again after this long, not on every pass. */
export const LOOKUP_RETRY_MS = 60_000;

/** What a judgement of this request rests on: it comes back from a requeue, or Concur changes it. */
export function basisOf(row: Pick<LedgerRow, 'times_returned' | 'last_modified'>): string {
  return `${row.times_returned}|${row.last_modified}`;
}

const basisSql = sql<string>`cast(${sql.ref('ledger_request.times_returned')} as text) || '|' || ${sql.ref('ledger_request.last_modified')}`;

/**
 * Queued requests the matcher has to judge (again): never judged, judged on another basis or
 * before the members last changed (an import), or a lookup that failed a while ago. Requests with a decision on its way are
 * left alone; a held one of the matcher's own is judged again, so a changed member can withdraw it.
 */
export async function dueForJudgement(
  db: Db,
  now: Date,
  limit: number,
  membersChangedAt: string | null,
): Promise<LedgerRow[]> {
  const retryBefore = new Date(now.getTime() - LOOKUP_RETRY_MS).toISOString();
  return db
    .selectFrom('ledger_request')
    .leftJoin('match_evaluation as current', (join) =>
      join.onRef('current.request_id', '=', 'ledger_request.request_id').on('current.superseded_at', 'is', null),
    )
    .selectAll('ledger_request')
    .where('ledger_request.left_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('current.id', 'is', null),
        eb('current.basis', '!=', basisSql),
        eb('current.members_mark', '!=', membersChangedAt ?? ''),
        eb.and([eb('current.reason', '=', 'lookup-failed'), eb('current.evaluated_at', '<', retryBefore)]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('decision')
            .select('decision.id')
            .whereRef('decision.request_id', '=', 'ledger_request.request_id')
            .where('decision.send_state', 'in', ['sending', 'failed']),
        ),
      ),
    )
    .orderBy('ledger_request.first_seen_at')
    .orderBy('ledger_request.request_id')
    .limit(limit)
    .execute();
}

function reasonOf(verdict: Verdict): string | null {
  return verdict.kind === 'exception' ? verdict.reason : null;
}

/** Supersedes the request's current judgement and records this one, in one transaction. */
export async function recordEvaluation(
  db: Db,
  judged: {
    row: Pick<LedgerRow, 'request_id' | 'times_returned' | 'last_modified'>;
    verdict: Verdict;
    policy: MatchPolicy;
    /** members.changed-at as read before the lookups. */
    membersMark: string | null;
  },
  now: Date,
): Promise<EvaluationRow | null> {
  const { verdict } = judged;
  const at = now.toISOString();
  const row: EvaluationRow = {
    id: randomUUID(),
    request_id: judged.row.request_id,
    evaluated_at: at,
    basis: basisOf(judged.row),
    verdict: verdict.kind,
    rule: verdict.kind === 'exception' ? null : verdict.rule,
    reason: reasonOf(verdict),
    outcome_code: verdict.kind === 'exception' ? null : verdict.outcomeCode,
    member_id: verdict.kind === 'connect' ? verdict.memberId : null,
    evidence: JSON.stringify(verdict.evidence),
    policy: judged.policy,
    members_mark: judged.membersMark ?? '',
    superseded_at: null,
    staff_decision_id: null,
    agreement: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('match_evaluation')
        .set({ superseded_at: at })
        .where('request_id', '=', row.request_id)
        .where('superseded_at', 'is', null)
        .execute();
      await trx.insertInto('match_evaluation').values(row).execute();
    });
  } catch (error) {
    // Another instance judged it at the same moment: its judgement stands.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return row;
}

export async function currentEvaluations(db: Db, requestIds: readonly string[]): Promise<Map<string, EvaluationRow>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('match_evaluation')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .where('superseded_at', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.request_id, row]));
}

export function evidenceOf(row: Pick<EvaluationRow, 'evidence'>): Evidence {
  try {
    const parsed = JSON.parse(row.evidence) as Evidence;
    return Array.isArray(parsed.candidates) ? parsed : { candidates: [] };
  } catch {
    return { candidates: [] };
  }
}

/** Back to a verdict, for comparing a new judgement with the one a held decision rests on. */
export function verdictOf(row: EvaluationRow): Verdict {
  const evidence = evidenceOf(row);
  if (row.verdict === 'connect' && row.member_id && (row.rule === 'last-loyalty' || row.rule === 'last-email')) {
    return { kind: 'connect', rule: row.rule, memberId: row.member_id, outcomeCode: 'CRSUC', evidence };
  }
  if (row.verdict === 'fail' && row.rule === 'no-member') {
    return { kind: 'fail', rule: 'no-member', outcomeCode: 'CREU1', evidence };
  }
  const reason = exceptionReasons.find((known) => known === row.reason) ?? 'no-candidate';
  return { kind: 'exception', reason, evidence };
}
