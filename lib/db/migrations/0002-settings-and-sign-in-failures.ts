import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_setting')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
  // One row per failed sign-in, keyed by account and by address, for the lockout window.
  await db.schema
    .createTable('sign_in_failure')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failure_key').on('sign_in_failure').columns(['key', 'failed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_failure').execute();
  await db.schema.dropTable('app_setting').execute();
}
