import 'server-only';
import { getConcurClient } from '@/lib/concur';
import type { Db } from '@/lib/db';
import { activeClaims } from '@/lib/decisions/claims';
import { latestDecisions } from '@/lib/decisions/queries';
import { log } from '@/lib/log';

/**
 * The request to review after this one: the first Pending request at the head of Concur's
 * queue that has no decision of ours and nobody else is reviewing. One page of the queue is
 * enough; null when there is none or Concur cannot say right now (the page works without it).
 */
export async function nextPendingRequestId(db: Db, currentId: string, staffId: string): Promise<string | null> {
  try {
    const { items } = await getConcurClient().listConnectionRequests({ limit: 10 });
    const ids = items.map((item) => item.id).filter((id) => id !== currentId);
    const [decisions, claims] = await Promise.all([latestDecisions(db, ids), activeClaims(db, ids)]);
    return (
      ids.find((id) => {
        const claim = claims.get(id);
        return !decisions.has(id) && (!claim || claim.staffId === staffId);
      }) ?? null
    );
  } catch (error) {
    log.warn(
      { event: 'requests.next-pending.failed', err: error instanceof Error ? error.message : String(error) },
      'finding the next Pending request failed',
    );
    return null;
  }
}
