import type { Kysely } from 'kysely';

/**
 * What a completed TripLink connection leaves with the supplier: the traveller's Concur tokens,
 * held against the member, encrypted (see lib/connections). Disconnecting deletes the tokens and
 * keeps the row, so the member's page still shows that the connection existed and who ended it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('traveller_connection')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('member_id', 'text', (col) => col.notNull())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('decision_id', 'text', (col) => col.notNull().unique())
    .addColumn('concur_user_id', 'text')
    /** connected | needs-reconnect | disconnected */
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('connected_at', 'text', (col) => col.notNull())
    .addColumn('connected_by', 'text', (col) => col.notNull())
    /** Which key encrypted the tokens; null once they are deleted. */
    .addColumn('key_id', 'text')
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('access_expires_at', 'text')
    .addColumn('refresh_expires_at', 'text')
    .addColumn('geolocation', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .execute();
  // The code actually sent when it differs from the one decided: CRRET for a connect whose
  // request token had expired or been used, so Concur issues a new one.
  await db.schema.alterTable('decision').addColumn('sent_code', 'text').execute();
  await db.schema.createIndex('traveller_connection_member').on('traveller_connection').column('member_id').execute();
  await db.schema.createIndex('traveller_connection_key').on('traveller_connection').column('key_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decision').dropColumn('sent_code').execute();
  await db.schema.dropTable('traveller_connection').execute();
}
