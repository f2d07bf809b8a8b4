import type { Db } from '@/lib/db';

/** Questions about the queue's past that the ledger answers, for a send whose answer was lost. */

/** The first clean walk of the whole queue that began after `since`, once it has finished. */
export async function firstCleanPollAfter(db: Db, since: string): Promise<{ startedAt: string } | null> {
  const row = await db
    .selectFrom('poll_cycle')
    .select('started_at')
    .where('walk', '=', 'clean')
    .where('started_at', '>', since)
    .orderBy('started_at')
    .limit(1)
    .executeTakeFirst();
  return row ? { startedAt: row.started_at } : null;
}

/** Whether the request left the queue between two times (even if it came back since). */
export async function hasLeftBetween(db: Db, requestId: string, from: string, to: string): Promise<boolean> {
  const row = await db
    .selectFrom('ledger_event')
    .select('id')
    .where('request_id', '=', requestId)
    .where('kind', '=', 'left')
    .where('at', '>=', from)
    .where('at', '<=', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
