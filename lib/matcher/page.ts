import 'server-only';
import { AUTO_MATCH_ACTOR, AUTO_MATCH_NAME } from '@/lib/audit/describe';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Permission } from '@/lib/roles';
import { type MatcherOverview, matcherOverview } from './queries';
import { MAX_HOLD_MS, type MatcherPause, readPause } from './settings';

/** What the Settings page and the admins' notice read of the matcher. */

export type MatcherPage = MatcherOverview & {
  /** Who paused it, as staff know them; null when the pause names no one we know. */
  pausedBy: string | null;
  maxHoldMinutes: number;
};

async function pauserName(pause: MatcherPause | null): Promise<string | null> {
  if (!pause) return null;
  if (pause.by === AUTO_MATCH_ACTOR) return AUTO_MATCH_NAME;
  const db = await getDb();
  const row = await db.selectFrom('user').select('name').where('id', '=', pause.by).executeTakeFirst();
  return row?.name ?? null;
}

export async function getMatcherPage(): Promise<MatcherPage> {
  const overview = await matcherOverview(await getDb(), getEnv());
  return {
    ...overview,
    pausedBy: await pauserName(overview.settings.pause),
    maxHoldMinutes: MAX_HOLD_MS / 60_000,
  };
}

export type SelfPauseNotice = { reason: string; at: string };

/**
 * For the banner on every page: set only when the matcher paused itself, and only for those who
 * can resume it. Others cost no query; admins one read of the pause row by its key.
 */
export async function getSelfPauseNotice(permissions: ReadonlySet<Permission>): Promise<SelfPauseNotice | null> {
  if (!permissions.has('settings.manage')) return null;
  // An unreadable pause reads as one nobody can vouch the matcher made: the Settings page says so.
  const pause = await readPause(await getDb());
  return pause?.isSelf ? { reason: pause.reason, at: pause.at } : null;
}
