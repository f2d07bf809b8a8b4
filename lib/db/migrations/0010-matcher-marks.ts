import type { Kysely } from 'kysely';

/**
 * What the matcher's first runs asked for: the members' change mark each judgement rests on
 * (compared as the value read, never as a time, so two clocks cannot hide an import), and
 * indexes for its per-pass questions (was a decision made from this judgement, or for this
 * request; the latest automatic decisions for the self-pause). `ifNotExists`: a database migrated
 * while 0009 briefly held the first two already has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('match_evaluation')
    .addColumn('members_mark', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('decision_evaluation').ifNotExists().on('decision').column('evaluation_id').execute();
  await db.schema
    .createIndex('decision_request')
    .ifNotExists()
    .on('decision')
    .columns(['request_id', 'send_state'])
    .execute();
  await db.schema
    .createIndex('decision_decided_by')
    .ifNotExists()
    .on('decision')
    .columns(['decided_by', 'decided_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('decision_decided_by').ifExists().execute();
  await db.schema.dropIndex('decision_request').ifExists().execute();
  await db.schema.dropIndex('decision_evaluation').ifExists().execute();
  await db.schema.alterTable('match_evaluation').dropColumn('members_mark').execute();
}
