import type { Db } from '@/lib/db';

/**
 * Application settings an admin changes on the staff page. Values are text in `app_setting`;
 * a missing row means the default, so a fresh database needs no seeding.
 */

const TWO_FACTOR_REQUIRED = 'auth.require-two-factor';

export async function isTwoFactorRequired(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', TWO_FACTOR_REQUIRED)
    .executeTakeFirst();
  return row?.value === 'true';
}

export async function setTwoFactorRequired(db: Db, value: boolean): Promise<void> {
  const text = value ? 'true' : 'false';
  // One statement, so two admins saving at once cannot both try to insert the row.
  await db
    .insertInto('app_setting')
    .values({ key: TWO_FACTOR_REQUIRED, value: text })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text }))
    .execute();
}
