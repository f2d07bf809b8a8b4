import { recordAuditEvent } from '@/lib/audit/store';
import type { OutcomeCode } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { markSent } from '@/lib/ledger/record';
import { type DecisionRow, getDecision } from './store';

/**
 * A recorded decision on its way to Concur: the send lease one delivery holds (taken, renewed,
 * fenced by each attempt), what Concur said of the traveller, and the end of a send.
 */

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
