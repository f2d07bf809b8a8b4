import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import type { MemberRecord } from './import-schema';

/**
 * Rows per statement, as large as the bound-parameter limits allow with room to spare
 * (SQLite 32,766, PostgreSQL 65,535): 2,000 members bind 14,000 values, 4,000 emails 12,000.
 * Fewer, larger statements is what makes 100,000 members a matter of seconds.
 */
export const WRITE_BATCH_SIZE = 2000;
const EMAIL_SLICE_SIZE = 4000;

export function slices<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Adds or updates one batch of members and replaces their emails, in a few multi-row
 * statements. Call it inside a transaction: between the delete and the insert a member has no emails.
 */
export async function writeMemberBatch(
  trx: Kysely<Database>,
  batch: readonly MemberRecord[],
  updatedAt: string,
): Promise<{ added: number; updated: number }> {
  if (batch.length === 0) return { added: 0, updated: 0 };
  const ids = batch.map((member) => member.id);
  const existing = await trx.selectFrom('member').select('id').where('id', 'in', ids).execute();
  await trx
    .insertInto('member')
    .values(
      batch.map((member) => ({
        id: member.id,
        first_name: member.firstName,
        middle_name: member.middleName,
        last_name: member.lastName,
        last_name_key: member.lastNameKey,
        loyalty_number: member.loyaltyNumber,
        updated_at: updatedAt,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        first_name: eb.ref('excluded.first_name'),
        middle_name: eb.ref('excluded.middle_name'),
        last_name: eb.ref('excluded.last_name'),
        last_name_key: eb.ref('excluded.last_name_key'),
        loyalty_number: eb.ref('excluded.loyalty_number'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await trx.deleteFrom('member_email').where('member_id', 'in', ids).execute();
  const emails = batch.flatMap((member) =>
    member.emails.map(({ email, key }) => ({ member_id: member.id, email, email_key: key })),
  );
  for (const slice of slices(emails, EMAIL_SLICE_SIZE)) {
    await trx.insertInto('member_email').values(slice).execute();
  }
  return { added: batch.length - existing.length, updated: existing.length };
}
