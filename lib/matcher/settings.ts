import { z } from 'zod';
import type { Db } from '@/lib/db';
import type { MatchPolicy } from '@/lib/db/types';
import type { Env } from '@/lib/env';
import { MATCHER_PAUSE_KEY, MATCHER_POLICY_KEY } from '@/lib/settings/store';
import type { MatchSwitches } from './rules';

/**
 * The matcher's settings, kept in `app_setting` (shared by every instance) and read each pass,
 * so a change on the Settings page, or a pause, applies everywhere at once. AUTO_MATCH and
 * AUTO_MATCH_HOLD_MINUTES override the page for automated set-ups.
 */

export const matchPolicies = ['off', 'shadow', 'auto'] as const satisfies readonly MatchPolicy[];
export type { MatchPolicy };

export const DEFAULT_POLICY: MatchPolicy = 'shadow';
export const DEFAULT_HOLD_MS = 10 * 60_000;
export const MAX_HOLD_MS = 24 * 60 * 60_000;

export const MATCHER_KEYS = {
  policy: MATCHER_POLICY_KEY,
  holdMs: 'matcher.hold-ms',
  emailRule: 'matcher.email-rule',
  autoFail: 'matcher.auto-fail',
  pause: MATCHER_PAUSE_KEY,
  /** When a person last lifted a pause: the matcher judges failures from then on. */
  resumedAt: 'matcher.resumed-at',
} as const;

/** Who paused the matcher and why: a staff id, or the matcher itself. */
export const pauseSchema = z.object({
  at: z.iso.datetime(),
  by: z.string().min(1),
  reason: z.string().max(300),
  isSelf: z.boolean(),
});
export type MatcherPause = z.infer<typeof pauseSchema>;

export type MatcherSettings = MatchSwitches & {
  policy: MatchPolicy;
  /** Where the policy comes from: AUTO_MATCH wins over the Settings page. */
  policySource: 'env' | 'settings' | 'default';
  holdMs: number;
  holdSource: 'env' | 'settings' | 'default';
  pause: MatcherPause | null;
  resumedAt: string | null;
};

const policySchema = z.enum(matchPolicies);
const holdSchema = z.coerce.number().int().min(0).max(MAX_HOLD_MS);

async function readAll(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('app_setting')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(MATCHER_KEYS))
    .execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

function parsed<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function parsePause(value: string | undefined): MatcherPause | null {
  if (value === undefined) return null;
  try {
    return pauseSchema.parse(JSON.parse(value));
  } catch {
    // Unreadable is still paused: stopping is the safe reading of a pause we cannot read.
    return {
      at: new Date(0).toISOString(),
      by: 'unknown',
      reason: 'The pause record could not be read.',
      isSelf: false,
    };
  }
}

export async function readMatcherSettings(db: Db, env: Pick<Env, 'matcher'>): Promise<MatcherSettings> {
  const values = await readAll(db);
  const storedPolicy = parsed(policySchema, values.get(MATCHER_KEYS.policy));
  const storedHold = parsed(holdSchema, values.get(MATCHER_KEYS.holdMs));
  return {
    policy: env.matcher.policy ?? storedPolicy ?? DEFAULT_POLICY,
    policySource: env.matcher.policy ? 'env' : storedPolicy ? 'settings' : 'default',
    holdMs: env.matcher.holdMs ?? storedHold ?? DEFAULT_HOLD_MS,
    holdSource: env.matcher.holdMs !== null ? 'env' : storedHold !== undefined ? 'settings' : 'default',
    isEmailRuleOn: values.get(MATCHER_KEYS.emailRule) === 'true',
    isAutoFailOn: values.get(MATCHER_KEYS.autoFail) === 'true',
    pause: parsePause(values.get(MATCHER_KEYS.pause)),
    resumedAt: values.get(MATCHER_KEYS.resumedAt) ?? null,
  };
}

/** The pause alone (one indexed read), for the banner every admin page shows. */
export async function readPause(db: Db): Promise<MatcherPause | null> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', MATCHER_KEYS.pause)
    .executeTakeFirst();
  return parsePause(row?.value);
}

/** One statement per key, so two admins saving at once cannot both insert it. */
export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * Pauses the matcher unless it is paused already; true when this call paused it. Insert-only,
 * so the first pause (a person's or the matcher's own) is the one that stands.
 */
export async function pauseMatcher(db: Db, pause: MatcherPause): Promise<boolean> {
  const result = await db
    .insertInto('app_setting')
    .values({ key: MATCHER_KEYS.pause, value: JSON.stringify(pause) })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Lifts the pause; failures recorded before it no longer count towards pausing again. The mark
 * is no earlier than the latest judgement, whichever instance's clock stamped it.
 */
export async function resumeMatcher(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('app_setting').where('key', '=', MATCHER_KEYS.pause).executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    const latest = await trx
      .selectFrom('match_evaluation')
      .select('evaluated_at')
      .orderBy('evaluated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const at = now.toISOString();
    await writeSetting(trx, MATCHER_KEYS.resumedAt, latest && latest.evaluated_at > at ? latest.evaluated_at : at);
    return true;
  });
}
