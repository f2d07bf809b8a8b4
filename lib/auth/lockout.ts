import type { Db } from '@/lib/db';

/**
 * Sign-in lockout: too many failures for one account, or from one address, within the window
 * lock it for the rest of the window. Counted in the database, so every instance agrees.
 */
export const LOCKOUT = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerAddress: 20 } as const;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

async function failuresSince(db: Db, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_failure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('failed_at', '>', since.toISOString())
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function isLockedOut(db: Db, email: string, address: string | null, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOCKOUT.windowMs);
  if ((await failuresSince(db, accountKey(email), since)) >= LOCKOUT.maxPerAccount) return true;
  return address !== null && (await failuresSince(db, addressKey(address), since)) >= LOCKOUT.maxPerAddress;
}

export async function recordSignInFailure(
  db: Db,
  email: string,
  address: string | null,
  now = new Date(),
): Promise<void> {
  const failedAt = now.toISOString();
  const keys = [accountKey(email), ...(address ? [addressKey(address)] : [])];
  await db
    .insertInto('sign_in_failure')
    .values(keys.map((key) => ({ key, failed_at: failedAt })))
    .execute();
  // Old rows say nothing any more; dropping them here keeps the table small without a job.
  await db
    .deleteFrom('sign_in_failure')
    .where('failed_at', '<', new Date(now.getTime() - LOCKOUT.windowMs).toISOString())
    .execute();
}

/** A successful sign-in (or an admin's password reset) clears the account's count, not the address's. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('key', '=', accountKey(email)).execute();
}
