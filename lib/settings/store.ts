import type { Db } from '@/lib/db';

/**
 * Application settings an admin changes on the staff page. Values are text in `app_setting`;
 * a missing row means the default, so a fresh database needs no seeding.
 */

const TWO_FACTOR_REQUIRED = 'auth.require-two-factor';

/**
 * Present while the automatic matcher is paused (lib/matcher/settings.ts writes it). Here, so
 * the outbox can hold back automatic decisions in the same statement that finds its work.
 */
export const MATCHER_PAUSE_KEY = 'matcher.pause';
/** The matcher's policy when an admin chose one (AUTO_MATCH overrides it). */
export const MATCHER_POLICY_KEY = 'matcher.policy';

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

const MEMBERS_CHANGED_AT = 'members.changed-at';

/**
 * When a member import last changed the directory: the matcher judges again every request it
 * judged before then (a new member can share a loyalty number that was unique).
 */
export async function noteMembersChanged(db: Db, at: string): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key: MEMBERS_CHANGED_AT, value: at })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: at }))
    .execute();
}

export async function membersChangedAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', MEMBERS_CHANGED_AT)
    .executeTakeFirst();
  return row?.value ?? null;
}
