import type { Kysely } from 'kysely';

/**
 * The embedded member directory: the supplier's loyalty members, as far as matching needs
 * them. Lookup keys are stored normalised beside the values, so lookups are index seeks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text', (col) => col.notNull())
    /** The last name after normalising case, diacritics, spacing, hyphens and apostrophes. */
    .addColumn('last_name_key', 'text', (col) => col.notNull())
    /** Text, not a number: leading zeros are part of it. */
    .addColumn('loyalty_number', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('member_last_name_key').on('member').column('last_name_key').execute();
  await db.schema.createIndex('member_loyalty_number').on('member').column('loyalty_number').execute();
  await db.schema
    .createTable('member_email')
    .addColumn('member_id', 'text', (col) => col.notNull().references('member.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    /** Lower-cased and trimmed. */
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_email_pk', ['member_id', 'email_key'])
    .execute();
  await db.schema.createIndex('member_email_key').on('member_email').column('email_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_email').execute();
  await db.schema.dropTable('member').execute();
}
