import { randomUUID } from 'node:crypto';
import { AUTO_MATCH_ACTOR } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { type Db, isUniqueViolation } from '@/lib/db';
import { newSender } from '@/lib/decisions/deliver';
import type { DecisionRow } from '@/lib/decisions/store';
import type { Env } from '@/lib/env';
import type { LedgerRow } from '@/lib/ledger/store';
import { type EvaluationRow, evidenceOf } from './evaluations';
import { MATCHER_KEYS } from './settings';

/**
 * Held decisions: the matcher's decisions, waiting out the hold window. Every move out of
 * `held` is one compare-and-set on the row, so of a promotion (the hold ended), a person's
 * override, cancel or send-now and the matcher's own withdrawal exactly one wins, on any
 * number of instances, and a decision that left `held` any other way than promotion or
 * send-now can never be sent.
 */

/** Member ids and labels, as the audit trail keeps them: "M100040 +LAST +LOYALTY; M100077 +LAST only". */
function evidenceLine(evaluation: EvaluationRow): string {
  const { candidates } = evidenceOf(evaluation);
  if (candidates.length === 0) return 'No candidate';
  const shown = candidates.slice(0, 5).map((candidate) => `${candidate.memberId} ${candidate.label}`);
  return `${shown.join('; ')}${candidates.length > 5 ? `; and ${candidates.length - 5} more` : ''}`;
}

/**
 * Records the matcher's decision for a request as held until `now + holdMs`, with its audit
 * event. Null when the request already has an open decision (or one on this view of it).
 */
export async function holdDecision(
  db: Db,
  judged: { row: LedgerRow; evaluation: EvaluationRow; holdMs: number },
  now: Date,
): Promise<DecisionRow | null> {
  const { row, evaluation } = judged;
  if (evaluation.verdict === 'exception' || !evaluation.outcome_code) return null;
  const holdUntil = new Date(now.getTime() + judged.holdMs).toISOString();
  const decision: DecisionRow = {
    id: randomUUID(),
    request_id: row.request_id,
    based_on_last_modified: row.last_modified,
    based_on_status: row.reported_status,
    concur_user_id: null,
    traveller_name: null,
    outcome_code: evaluation.outcome_code,
    sent_code: null,
    member_id: evaluation.member_id,
    decided_by: AUTO_MATCH_ACTOR,
    decided_at: now.toISOString(),
    note: null,
    send_state: 'held',
    attempts: 0,
    next_attempt_at: null,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    correlation_id: null,
    sent_at: null,
    confirmed_by: null,
    unconfirmed_since: null,
    hold_until: holdUntil,
    evaluation_id: evaluation.id,
    overrides_decision_id: null,
    ended_by: null,
    ended_at: null,
  };
  try {
    const isHeld = await db.transaction().execute(async (trx) => {
      // Still the current judgement (a no-op update, so PostgreSQL locks the row: a pass that
      // supersedes it meanwhile waits, then finds this decision held and withdraws it).
      const current = await trx
        .updateTable('match_evaluation')
        .set((eb) => ({ superseded_at: eb.ref('superseded_at') }))
        .where('id', '=', evaluation.id)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      if (current.numUpdatedRows === 0n) return false;
      await trx.insertInto('decision').values(decision).execute();
      await recordAuditEvent(
        trx,
        {
          actor: AUTO_MATCH_ACTOR,
          action: 'matcher.decided',
          subjectType: 'request',
          subjectId: row.request_id,
          detail: {
            decisionId: decision.id,
            outcomeCode: decision.outcome_code,
            memberId: decision.member_id,
            rule: evaluation.rule,
            evidence: evidenceLine(evaluation),
            holdUntil,
            evaluationId: evaluation.id,
          },
        },
        now,
      );
      return true;
    });
    return isHeld ? decision : null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function heldDecisionFor(db: Db, requestId: string): Promise<DecisionRow | undefined> {
  return db
    .selectFrom('decision')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('send_state', '=', 'held')
    .executeTakeFirst();
}

/** The held decision now rests on a newer judgement that says the same: its hold runs on unchanged. */
export async function relinkHeld(db: Db, decisionId: string, evaluationId: string): Promise<void> {
  await db
    .updateTable('decision')
    .set({ evaluation_id: evaluationId })
    .where('id', '=', decisionId)
    .where('send_state', '=', 'held')
    .execute();
}

type Ending = { state: 'cancelled' | 'withdrawn'; by: string; reason: string | null };

/** Ends a held decision unsent, with its audit event; false when it was no longer held. */
export async function endHeld(db: Db, decisionId: string, ending: Ending, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('decision')
      .set({ send_state: ending.state, ended_by: ending.by, ended_at: now.toISOString(), hold_until: null })
      .where('id', '=', decisionId)
      .where('send_state', '=', 'held')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    const decision = await trx
      .selectFrom('decision')
      .select(['request_id', 'outcome_code', 'member_id', 'evaluation_id'])
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    // A person cancelling the matcher's decision disagrees with it: the shadow counts show that.
    if (ending.state === 'cancelled' && decision.evaluation_id) {
      await trx
        .updateTable('match_evaluation')
        .set({ agreement: 'disagree' })
        .where('id', '=', decision.evaluation_id)
        .where('staff_decision_id', 'is', null)
        .execute();
    }
    await recordAuditEvent(
      trx,
      {
        actor: ending.by,
        action: ending.state === 'cancelled' ? 'matcher.cancelled' : 'matcher.withdrawn',
        subjectType: 'request',
        subjectId: decision.request_id,
        detail: {
          decisionId,
          outcomeCode: decision.outcome_code,
          memberId: decision.member_id,
          reason: ending.reason,
        },
      },
      now,
    );
    return true;
  });
}

/** Every held decision ends unsent (the policy left `auto`); how many. */
export async function withdrawAllHeld(db: Db, reason: string, now = new Date()): Promise<number> {
  const held = await db.selectFrom('decision').select('id').where('send_state', '=', 'held').execute();
  let withdrawn = 0;
  for (const { id } of held) {
    if (await endHeld(db, id, { state: 'withdrawn', by: AUTO_MATCH_ACTOR, reason }, now)) withdrawn += 1;
  }
  return withdrawn;
}

/** Held decisions whose request left Concur's queue meanwhile: there is nothing left to send them to. */
export async function withdrawLeft(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('decision')
    .innerJoin('ledger_request', 'ledger_request.request_id', 'decision.request_id')
    .select('decision.id')
    .where('decision.send_state', '=', 'held')
    .where('ledger_request.left_at', 'is not', null)
    .execute();
  let withdrawn = 0;
  const reason = "The request left Concur's queue before its hold ended.";
  for (const { id } of rows) {
    if (await endHeld(db, id, { state: 'withdrawn', by: AUTO_MATCH_ACTOR, reason }, now)) withdrawn += 1;
  }
  return withdrawn;
}

/**
 * Moves one held decision to `sending`, leased to `owner`, so the sender that called this
 * sends it next. Unless `isEarly` (a person's send-now), only once its hold ended and only
 * while the matcher is not paused: the pause is checked in the same statement, so a pause
 * stops every promotion that did not already happen.
 */
async function promote(
  db: Db,
  decisionId: string,
  lease: { owner: string; ms: number },
  now: Date,
  early: { by: string } | null,
  env: Pick<Env, 'matcher'> = { matcher: { policy: null, holdMs: null } },
): Promise<boolean> {
  const at = now.toISOString();
  let update = db
    .updateTable('decision')
    .set({
      send_state: 'sending',
      lease_owner: lease.owner,
      lease_until: new Date(now.getTime() + lease.ms).toISOString(),
      ...(early ? { ended_by: early.by, ended_at: at, hold_until: at } : {}),
    })
    .where('id', '=', decisionId)
    .where('send_state', '=', 'held');
  if (!early) {
    // AUTO_MATCH fixes the policy for the process's life; otherwise the admin's choice is read
    // in this same statement, so a switch away from auto stops every promotion after it.
    if (env.matcher.policy !== null && env.matcher.policy !== 'auto') return false;
    update = update
      .where('hold_until', '<=', at)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('app_setting').select('key').where('key', '=', MATCHER_KEYS.pause))),
      );
    if (env.matcher.policy === null) {
      update = update.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('app_setting').select('key').where('key', '=', MATCHER_KEYS.policy).where('value', '=', 'auto'),
        ),
      );
    }
  }
  const result = await update.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Held decisions whose hold has ended, each moved to `sending` for a delivery of its own
 * (`newSender`: two deliveries must never share a lease name); their ids and senders.
 */
export async function promoteDue(
  db: Db,
  lease: { owner: string; ms: number },
  now: Date,
  limit = 10,
  env?: Pick<Env, 'matcher'>,
): Promise<{ id: string; sender: string }[]> {
  const due = await db
    .selectFrom('decision')
    .select('id')
    .where('send_state', '=', 'held')
    .where('hold_until', '<=', now.toISOString())
    .orderBy('hold_until')
    .limit(limit)
    .execute();
  const promoted: { id: string; sender: string }[] = [];
  for (const { id } of due) {
    const sender = newSender(lease.owner);
    if (await promote(db, id, { owner: sender, ms: lease.ms }, now, null, env)) promoted.push({ id, sender });
  }
  return promoted;
}

/**
 * A person sends a held decision now; audited as theirs. False when it was no longer held.
 * `lease.owner` names the one delivery that sends it next (`newSender`).
 */
export async function sendHeldEarly(
  db: Db,
  decisionId: string,
  staffId: string,
  lease: { owner: string; ms: number },
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await promote(trx, decisionId, lease, now, { by: staffId }))) return false;
    const decision = await trx
      .selectFrom('decision')
      .select(['request_id', 'outcome_code', 'member_id'])
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    await recordAuditEvent(
      trx,
      {
        actor: staffId,
        action: 'matcher.sent-now',
        subjectType: 'request',
        subjectId: decision.request_id,
        detail: { decisionId, outcomeCode: decision.outcome_code, memberId: decision.member_id },
      },
      now,
    );
    return true;
  });
}
