import 'server-only';
import type { Db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { matcherViewsFor } from '@/lib/matcher/queries';
import { readMatcherSettings } from '@/lib/matcher/settings';
import { type MatcherSummary, toMatcherSummary } from './matcher-summary';

/** The matcher's view of each of these requests, as the screens show it: three queries, whatever their number. */
export async function matcherSummaries(db: Db, requestIds: string[]): Promise<Map<string, MatcherSummary>> {
  if (requestIds.length === 0) return new Map();
  const [settings, views] = await Promise.all([readMatcherSettings(db, getEnv()), matcherViewsFor(db, requestIds)]);
  const summaries = new Map<string, MatcherSummary>();
  for (const id of requestIds) {
    const summary = toMatcherSummary(views.get(id), settings);
    if (summary) summaries.set(id, summary);
  }
  return summaries;
}
