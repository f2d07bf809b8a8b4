import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/store';
import type { ConnectionRequestStatus, OutcomeCode } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import type { DecisionTable } from '@/lib/db/types';
import { markSent } from '@/lib/ledger/record';
import { agreementOf } from './agreement';

/**
 * The decision outbox's rows. A decision is written once, with its audit event, before anything
 * goes to Concur; afterwards only its send state moves: sending -> sent | failed | conflict,
 * failed -> sending again. The unique indexes make a second open decision for a request fail.
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

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // SQLite: SQLITE_CONSTRAINT_UNIQUE; PostgreSQL: unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
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

/**
 * Takes the send lease on an open decision if nobody holds it (or a holder's lease ran out,
 * say because its process died). Compare-and-set, so of several instances exactly one wins.
 */
export async function takeLease(
  db: Db,
  id: string,
  lease: { owner: string; ms: number },
  now = new Date(),
): Promise<DecisionRow | undefined> {
  const result = await db
    .updateTable('decision')
    .set({
      send_state: 'sending',
      lease_owner: lease.owner,
      lease_until: new Date(now.getTime() + lease.ms).toISOString(),
    })
    .where('id', '=', id)
    .where('send_state', 'in', ['sending', 'failed'])
    .where((eb) =>
      eb.or([
        eb('lease_until', 'is', null),
        eb('lease_until', '<', now.toISOString()),
        eb('lease_owner', '=', lease.owner),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? getDecision(db, id) : undefined;
}

/** Extends a lease this sender holds; false when it no longer holds it. */
export async function renewLease(
  db: Db,
  id: string,
  lease: { owner: string; ms: number },
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('decision')
    .set({ lease_until: new Date(now.getTime() + lease.ms).toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', lease.owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Who the request is for, as Concur says when the decision is sent: our history keeps it. */
export async function noteTraveller(
  db: Db,
  id: string,
  traveller: { name: string; concurUserId: string | null },
): Promise<void> {
  await db
    .updateTable('decision')
    .set({ traveller_name: traveller.name, concur_user_id: traveller.concurUserId })
    .where('id', '=', id)
    .execute();
}

export async function setSentCode(db: Db, id: string, code: OutcomeCode): Promise<void> {
  await db.updateTable('decision').set({ sent_code: code }).where('id', '=', id).execute();
}

/**
 * Counted before each exchange and PUT, so a crash after it still shows that one may have
 * reached Concur; a PUT is also marked unconfirmed until its answer is recorded. False when this
 * sender no longer holds the lease: then it must not call Concur at all.
 */
export async function countAttempt(
  db: Db,
  id: string,
  owner: string,
  options: { isPut?: boolean; now?: Date } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('decision')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      ...(options.isPut ? { unconfirmed_since: (options.now ?? new Date()).toISOString() } : {}),
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type SendOutcome =
  | {
      state: 'sent';
      confirmedBy: 'response' | 'read-back' | 'absence';
      correlationId: string | null;
      /** Sent in place of the decided code: CRRET when a connect's request token had expired. */
      sentInstead?: OutcomeCode;
    }
  | {
      state: 'failed';
      error: string;
      correlationId: string | null;
      nextAttemptAt: string | null;
      /**
       * A PUT of ours that may have arrived, sent at this time (a poll will tell); null when none
       * is in doubt any more; left out, whatever was recorded stays.
       */
      unconfirmedSince?: string | null;
      /** Only waiting for that poll: nothing new to put in the audit trail. */
      isQuiet?: boolean;
      sentInstead?: OutcomeCode;
    }
  | { state: 'conflict'; error: string };

/** Ends a send: the state, the lease released, and an audit event, in one transaction. */
export async function finishSend(
  db: Db,
  decision: DecisionRow,
  owner: string,
  outcome: SendOutcome,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const changes =
      outcome.state === 'sent'
        ? {
            send_state: 'sent' as const,
            sent_at: now.toISOString(),
            confirmed_by: outcome.confirmedBy,
            correlation_id: outcome.correlationId,
            last_error: null,
            next_attempt_at: null,
            unconfirmed_since: null,
          }
        : outcome.state === 'failed'
          ? {
              send_state: 'failed' as const,
              last_error: outcome.error,
              correlation_id: outcome.correlationId,
              next_attempt_at: outcome.nextAttemptAt,
              ...(outcome.unconfirmedSince !== undefined ? { unconfirmed_since: outcome.unconfirmedSince } : {}),
            }
          : {
              send_state: 'conflict' as const,
              last_error: outcome.error,
              next_attempt_at: null,
              unconfirmed_since: null,
            };
    const result = await trx
      .updateTable('decision')
      .set({ ...changes, lease_owner: null, lease_until: null })
      .where('id', '=', decision.id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    // Our lease ran out and someone else took over: their result stands, not ours.
    if (result.numUpdatedRows === 0n) return;
    // The PUT popped the request from Concur's queue: the ledger says so at once.
    if (outcome.state === 'sent') await markSent(trx, decision.request_id, decision.id, now.toISOString());
    if (outcome.state === 'failed' && outcome.isQuiet) return;
    const current = await trx
      .selectFrom('decision')
      .select('attempts')
      .where('id', '=', decision.id)
      .executeTakeFirstOrThrow();
    // On the decider's behalf: their own audit trail shows what became of their decision.
    await recordAuditEvent(
      trx,
      {
        actor: decision.decided_by,
        action: `decision.${outcome.state === 'failed' ? 'send-failed' : outcome.state}`,
        subjectType: 'request',
        subjectId: decision.request_id,
        detail: {
          decisionId: decision.id,
          outcomeCode: decision.outcome_code,
          attempts: current.attempts,
          ...(outcome.state === 'sent'
            ? { confirmedBy: outcome.confirmedBy, sentCode: outcome.sentInstead ?? decision.outcome_code }
            : { reason: outcome.error }),
          ...(outcome.state !== 'conflict' ? { correlationId: outcome.correlationId } : {}),
        },
      },
      now,
    );
  });
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
