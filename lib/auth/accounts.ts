import 'server-only';
import type { Db } from '@/lib/db';

/**
 * The staff account an email signs in as, from Better Auth's own table: what a sign-in needs to
 * count its attempt against the account and to say why it failed. Staff management has the
 * full record (lib/staff/store.ts).
 */
export async function signInAccount(db: Db, email: string): Promise<{ id: string; isDisabled: boolean } | null> {
  const row = await db
    .selectFrom('user')
    .select(['id', 'banned'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { id: row.id, isDisabled: Boolean(row.banned) } : null;
}
