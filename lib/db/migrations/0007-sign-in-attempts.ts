import type { Kysely } from 'kysely';

/**
 * Sign-in attempts are reserved before the password is checked (lib/auth/lockout.ts), so a
 * burst of parallel guesses cannot all be evaluated: one row per attempt and key (account,
 * address), deleted again when the attempt succeeds. A lockout's refusals are counted on one
 * notice per key and window instead of one audit row each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_failure').execute();
  await db.schema
    .createTable('sign_in_attempt')
    .addColumn('attempt_id', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('attempted_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempt_key').on('sign_in_attempt').columns(['key', 'attempted_at']).execute();
  await db.schema.createIndex('sign_in_attempt_at').on('sign_in_attempt').column('attempted_at').execute();
  await db.schema.createIndex('sign_in_attempt_id').on('sign_in_attempt').column('attempt_id').execute();
  await db.schema
    .createTable('sign_in_lock_notice')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('audit_event_id', 'text', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .addColumn('refused', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_lock_notice').execute();
  await db.schema.dropTable('sign_in_attempt').execute();
  await db.schema
    .createTable('sign_in_failure')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failure_key').on('sign_in_failure').columns(['key', 'failed_at']).execute();
}
