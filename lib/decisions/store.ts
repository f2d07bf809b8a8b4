import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/store';
import type { ConnectionRequestStatus, OutcomeCode } from '@/lib/concur/model';
import { type Db, isUniqueViolation } from '@/lib/db';
import type { DecisionTable } from '@/lib/db/types';
import { agreementOf } from './agreement';

/**
 * The decision outbox's rows. A decision is written once, with its audit event, before anything
 * goes to Concur; afterwards only its send state moves (`sending.ts`): sending -> sent | failed |
 * conflict, failed -> sending again. The unique indexes make a second open decision for a
 * request fail.
 */

export type DecisionRow = Selectable<DecisionTable>;

export type NewDecision = {
  requestId: string;
  basedOn: { status: ConnectionRequestStatus; lastModified: string };
  outcomeCode: OutcomeCode;
  memberId: string | null;
  decidedBy: string;
  note: string | null;
  /** The matcher's held decision this one replaces: it is ended in the same transaction, or nothing is recorded. */
  overridesDecisionId?: string | null;
};

/** Another decision for this request already holds its place: the caller is told who made it. */
export class DecisionTaken extends Error {
  constructor(readonly existing: DecisionRow | undefined) {
    super('another decision for this request is already recorded');
  }
}

/** The held decision to override was sent, or ended, before the override could be recorded. */
export class OverrideTooLate extends Error {
  constructor(readonly current: DecisionRow | undefined) {
    super('the held decision is no longer held');
  }
}

/**
 * Records a decision as `sending` with its audit event in one transaction, leased to `owner`,
 * who sends it next. Throws DecisionTaken when the request already has an open decision or one
 * made on the same view of it.
 */
export async function recordDecision(
  db: Db,
  decision: NewDecision,
  lease: { owner: string; ms: number },
  now = new Date(),
): Promise<DecisionRow> {
  const row: DecisionRow = {
    id: randomUUID(),
    request_id: decision.requestId,
    based_on_last_modified: decision.basedOn.lastModified,
    based_on_status: decision.basedOn.status,
    concur_user_id: null,
    traveller_name: null,
    outcome_code: decision.outcomeCode,
    sent_code: null,
    member_id: decision.memberId,
    decided_by: decision.decidedBy,
    decided_at: now.toISOString(),
    note: decision.note,
    send_state: 'sending',
    attempts: 0,
    next_attempt_at: null,
    lease_owner: lease.owner,
    lease_until: new Date(now.getTime() + lease.ms).toISOString(),
    last_error: null,
    correlation_id: null,
    sent_at: null,
    confirmed_by: null,
    unconfirmed_since: null,
    hold_until: null,
    evaluation_id: null,
    overrides_decision_id: decision.overridesDecisionId ?? null,
    ended_by: null,
    ended_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      const overridden = decision.overridesDecisionId
        ? await overrideHeld(trx, decision.overridesDecisionId, decision, now)
        : null;
      await trx.insertInto('decision').values(row).execute();
      await recordAuditEvent(
        trx,
        {
          actor: decision.decidedBy,
          action: 'decision.recorded',
          subjectType: 'request',
          subjectId: decision.requestId,
          detail: {
            decisionId: row.id,
            outcomeCode: decision.outcomeCode,
            memberId: decision.memberId,
            ...(overridden
              ? {
                  overridesDecisionId: overridden.id,
                  overriddenCode: overridden.outcome_code,
                  overriddenMemberId: overridden.member_id,
                }
              : {}),
          },
        },
        now,
      );
      await noteAgreement(trx, row);
    });
  } catch (error) {
    if (error instanceof OverrideTooLate || !isUniqueViolation(error)) throw error;
    throw new DecisionTaken(await openDecisionFor(db, decision.requestId, decision.basedOn.lastModified));
  }
  return row;
}

/**
 * Ends the matcher's held decision as overridden, in the caller's transaction; throws
 * OverrideTooLate when it is no longer held (its hold ended and it went, or someone else acted).
 */
async function overrideHeld(db: Db, heldId: string, decision: NewDecision, now: Date): Promise<DecisionRow> {
  const result = await db
    .updateTable('decision')
    .set({ send_state: 'overridden', ended_by: decision.decidedBy, ended_at: now.toISOString(), hold_until: null })
    .where('id', '=', heldId)
    .where('request_id', '=', decision.requestId)
    .where('send_state', '=', 'held')
    .executeTakeFirst();
  const held = await getDecision(db, heldId);
  if (result.numUpdatedRows === 0n || !held) throw new OverrideTooLate(held);
  await recordAuditEvent(
    db,
    {
      actor: decision.decidedBy,
      action: 'matcher.overridden',
      subjectType: 'request',
      subjectId: decision.requestId,
      detail: {
        decisionId: heldId,
        overriddenCode: held.outcome_code,
        overriddenMemberId: held.member_id,
        outcomeCode: decision.outcomeCode,
        memberId: decision.memberId,
      },
    },
    now,
  );
  return held;
}

/**
 * A person's decision against the matcher's current judgement of the request, whatever the
 * policy: the shadow counts per rule come from here.
 */
async function noteAgreement(db: Db, decision: DecisionRow): Promise<void> {
  const evaluation = await db
    .selectFrom('match_evaluation')
    .select(['id', 'verdict', 'member_id', 'outcome_code'])
    .where('request_id', '=', decision.request_id)
    .where('superseded_at', 'is', null)
    .where('staff_decision_id', 'is', null)
    .executeTakeFirst();
  if (!evaluation) return;
  await db
    .updateTable('match_evaluation')
    .set({
      staff_decision_id: decision.id,
      agreement: agreementOf(evaluation, { outcomeCode: decision.outcome_code, memberId: decision.member_id }),
    })
    .where('id', '=', evaluation.id)
    .execute();
}

/** The decision that holds a request's place: the open one, or the one made on this view of it. */
async function openDecisionFor(db: Db, requestId: string, lastModified: string): Promise<DecisionRow | undefined> {
  return db
    .selectFrom('decision')
    .selectAll()
    .where('request_id', '=', requestId)
    .where((eb) =>
      eb.or([
        eb('send_state', 'in', ['held', 'sending', 'failed']),
        eb.and([
          eb('based_on_last_modified', '=', lastModified),
          eb('send_state', 'not in', ['cancelled', 'overridden', 'withdrawn']),
        ]),
      ]),
    )
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
}

export async function getDecision(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A staff member asks for a failed decision to be sent again now. */
export async function requestResend(db: Db, id: string, staffId: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('decision')
      .set({ next_attempt_at: now.toISOString() })
      .where('id', '=', id)
      .where('send_state', '=', 'failed')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    const decision = await trx
      .selectFrom('decision')
      .select('request_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await recordAuditEvent(
      trx,
      {
        actor: staffId,
        action: 'decision.resend-requested',
        subjectType: 'request',
        subjectId: decision.request_id,
        detail: { decisionId: id },
      },
      now,
    );
    return true;
  });
}
