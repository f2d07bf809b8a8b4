import type { Kysely } from 'kysely';

/**
 * The engine's own record of Concur's queue (see lib/ledger): every connection request a poll
 * saw, what happened to it, each poll cycle, and the leases that let one instance run a job.
 * Emails, loyalty numbers and request tokens are sealed with the token vault's keys and never
 * stored in clear; keyed hashes beside them allow exact lookups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_request')
    .addColumn('request_id', 'text', (col) => col.primaryKey())
    .addColumn('concur_user_id', 'text')
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('last_name_key', 'text', (col) => col.notNull())
    /** The vault key that sealed this row's values and keyed its hashes. */
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('loyalty_number', 'text')
    .addColumn('loyalty_hash', 'text')
    .addColumn('masked_loyalty', 'text')
    /** A sealed JSON array, in Concur's order. */
    .addColumn('emails', 'text')
    /** A JSON array of the masked emails, which the browser may see. */
    .addColumn('masked_emails', 'text', (col) => col.notNull())
    .addColumn('request_token', 'text')
    /** Tells a new token from the one we hold without opening either. */
    .addColumn('token_hash', 'text')
    /** When a poll first saw the current token: Concur generates tokens upon GET, valid 24 h. */
    .addColumn('token_seen_at', 'text')
    .addColumn('reported_status', 'text', (col) => col.notNull())
    .addColumn('reported_code', 'text')
    .addColumn('last_modified', 'text', (col) => col.notNull())
    /** Its place in Concur's queue on the poll that last saw it, counted from 0. */
    .addColumn('queue_position', 'integer')
    .addColumn('first_seen_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('times_seen', 'integer', (col) => col.notNull())
    /** How often it came back to the queue after leaving it (a requeue after CREU or CRRET). */
    .addColumn('times_returned', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('left_at', 'text')
    /** sent (our PUT popped it: left_decision_id) | gone (it left without one: decided elsewhere, expired). */
    .addColumn('left_reason', 'text')
    .addColumn('left_decision_id', 'text')
    .execute();
  await db.schema
    .createIndex('ledger_request_queue')
    .on('ledger_request')
    .columns(['left_at', 'queue_position'])
    .execute();
  await db.schema.createIndex('ledger_request_last_name').on('ledger_request').column('last_name_key').execute();
  await db.schema.createIndex('ledger_request_loyalty').on('ledger_request').column('loyalty_hash').execute();

  await db.schema
    .createTable('ledger_email')
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('slot', 'integer', (col) => col.notNull())
    .addColumn('email_hash', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('ledger_email_pk', ['request_id', 'slot'])
    .execute();
  await db.schema.createIndex('ledger_email_hash').on('ledger_email').column('email_hash').execute();

  await db.schema
    .createTable('ledger_event')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    /** arrived | left | returned */
    .addColumn('kind', 'text', (col) => col.notNull())
    /** For `left`: sent | gone. */
    .addColumn('reason', 'text')
    .addColumn('decision_id', 'text')
    .execute();
  await db.schema.createIndex('ledger_event_request').on('ledger_event').columns(['request_id', 'at']).execute();

  await db.schema
    .createTable('poll_cycle')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('owner', 'text', (col) => col.notNull())
    /** schedule | request (a person's refresh or "Poll now") */
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    /**
     * running | clean (walked to the end, every page joined the one before) | shifted (walked
     * to the end, but the queue moved under us: absence proves nothing) | failed
     */
    .addColumn('walk', 'text', (col) => col.notNull())
    .addColumn('pages', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('requests', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('new_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('returned_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('gone_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer')
    /** In words for staff; the details are in the server log under the correlation id. */
    .addColumn('error', 'text')
    .addColumn('correlation_id', 'text')
    .execute();
  await db.schema.createIndex('poll_cycle_started').on('poll_cycle').column('started_at').execute();

  await db.schema
    .createTable('job_lease')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    /** Someone asked for a run now (a poll), at this time. */
    .addColumn('requested_at', 'text')
    /** Concur asked us to wait (a 503, a timeout, a 429's Retry-After): no run before this. */
    .addColumn('not_before', 'text')
    .execute();

  // A send whose answer was lost: confirmed later by the request leaving the queue.
  await db.schema.alterTable('decision').addColumn('unconfirmed_since', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decision').dropColumn('unconfirmed_since').execute();
  for (const table of ['job_lease', 'poll_cycle', 'ledger_event', 'ledger_email', 'ledger_request']) {
    await db.schema.dropTable(table).execute();
  }
}
