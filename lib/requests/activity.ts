import 'server-only';
import type { Db } from '@/lib/db';
import { activeClaims } from '@/lib/decisions/claims';
import { type DecisionSendState, latestDecisions } from '@/lib/decisions/queries';
import type { RequestActivity } from './schemas';

/**
 * The matcher's decisions that never went: held, or ended before they did. The list's Auto-match
 * column says what became of them; "Activity here" keeps to what went, or is on its way.
 */
const NEVER_SENT: readonly DecisionSendState[] = ['held', 'cancelled', 'overridden', 'withdrawn'];

/** Someone else opened the request this recently: they are probably working on it now. */
export const RECENTLY_OPENED_MS = 5 * 60_000;

export type RecentOpener = { name: string; at: string };

/**
 * Who else opened each of these requests in the last few minutes, from our own records (the
 * detail page's view events): one query for the whole page, newest opener per request.
 */
export async function recentOpeners(
  db: Db,
  requestIds: string[],
  viewerId: string,
  now = new Date(),
): Promise<Map<string, RecentOpener>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_event')
    .innerJoin('user', 'user.id', 'audit_event.actor')
    .select(['audit_event.subject_id as requestId', 'audit_event.occurred_at as at', 'user.name as name'])
    .where('audit_event.action', '=', 'request.viewed')
    .where('audit_event.subject_type', '=', 'request')
    .where('audit_event.subject_id', 'in', requestIds)
    .where('audit_event.actor', '!=', viewerId)
    .where('audit_event.occurred_at', '>=', new Date(now.getTime() - RECENTLY_OPENED_MS).toISOString())
    .orderBy('audit_event.occurred_at', 'desc')
    .execute();
  const openers = new Map<string, RecentOpener>();
  for (const row of rows) {
    if (row.requestId && !openers.has(row.requestId)) openers.set(row.requestId, { name: row.name, at: row.at });
  }
  return openers;
}

/** Our records' activity for a page of requests: three queries for the page, whatever its size. */
export async function requestActivity(
  db: Db,
  requestIds: string[],
  viewerId: string,
  now = new Date(),
): Promise<Map<string, RequestActivity>> {
  const [openers, claims, decisions] = await Promise.all([
    recentOpeners(db, requestIds, viewerId, now),
    activeClaims(db, requestIds, now),
    latestDecisions(db, requestIds),
  ]);
  return new Map(
    requestIds.map((id) => {
      const claim = claims.get(id);
      const latest = decisions.get(id);
      const decision = latest && !NEVER_SENT.includes(latest.sendState) ? latest : undefined;
      return [
        id,
        {
          openedBy: openers.get(id) ?? null,
          reviewingBy: claim && claim.staffId !== viewerId ? claim.staffName : null,
          decided: decision
            ? {
                outcomeCode: decision.outcomeCode,
                sendState: decision.sendState,
                byName: decision.decidedByName,
                at: decision.decidedAt,
              }
            : null,
        },
      ];
    }),
  );
}
