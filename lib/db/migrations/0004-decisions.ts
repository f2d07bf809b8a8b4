import { type Kysely, sql } from 'kysely';

/**
 * Staff decisions and the outbox that sends them to Concur, and the short claims agents hold
 * on the requests they are reviewing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull())
    /** The request's lastModified when the agent decided: a change since means someone else acted. */
    .addColumn('based_on_last_modified', 'text', (col) => col.notNull())
    .addColumn('based_on_status', 'text', (col) => col.notNull())
    /** Filled in from Concur when the decision is sent. */
    .addColumn('concur_user_id', 'text')
    /** "Last, First" as Concur had it, so our history can list requests Concur no longer returns. */
    .addColumn('traveller_name', 'text')
    .addColumn('outcome_code', 'text', (col) => col.notNull())
    .addColumn('member_id', 'text')
    .addColumn('decided_by', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    /** sending | sent | failed | conflict (not sent: the request changed before it could be). */
    .addColumn('send_state', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    /** Who is sending it now and until when: a crashed sender's lease runs out and another takes over. */
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    /** What went wrong, in words for staff; the detail is in the server log under the correlation id. */
    .addColumn('last_error', 'text')
    .addColumn('correlation_id', 'text')
    .addColumn('sent_at', 'text')
    /** response | read-back */
    .addColumn('confirmed_by', 'text')
    .execute();
  // Two agents deciding on the same view of a request: the second insert fails.
  await db.schema
    .createIndex('decision_request_view')
    .on('decision')
    .columns(['request_id', 'based_on_last_modified'])
    .unique()
    .execute();
  // At most one decision per request still on its way to Concur: a request never gets two outcomes from us.
  await db.schema
    .createIndex('decision_request_open')
    .on('decision')
    .column('request_id')
    .unique()
    .where(sql.ref('send_state'), 'in', ['sending', 'failed'])
    .execute();
  await db.schema.createIndex('decision_outbox').on('decision').columns(['send_state', 'next_attempt_at']).execute();
  await db.schema.createIndex('decision_decided_at').on('decision').column('decided_at').execute();

  await db.schema
    .createTable('request_claim')
    .addColumn('request_id', 'text', (col) => col.primaryKey())
    .addColumn('staff_id', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_claim').execute();
  await db.schema.dropTable('decision').execute();
}
