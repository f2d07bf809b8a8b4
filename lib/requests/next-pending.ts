import 'server-only';
import type { Db } from '@/lib/db';
import { activeClaims } from '@/lib/decisions/claims';
import { type DecisionView, latestDecisions } from '@/lib/decisions/queries';
import { queuePage } from '@/lib/ledger/store';

/** Auto-match's decision, cancelled or withdrawn before it went, leaves the request to a person. */
const isLeftToPeople = (decision: DecisionView | undefined) =>
  !decision || decision.sendState === 'cancelled' || decision.sendState === 'withdrawn';

/**
 * The request to review after this one: the first Pending request at the head of Concur's
 * queue, as our ledger has it, that has no decision of ours (or only one Auto-match gave up) and
 * nobody else is reviewing. One page of the queue is enough; null when there is none.
 */
export async function nextPendingRequestId(db: Db, currentId: string, staffId: string): Promise<string | null> {
  const { rows } = await queuePage(db, { offset: 0, limit: 10 });
  const ids = rows.map((row) => row.request_id).filter((id) => id !== currentId);
  const [decisions, claims] = await Promise.all([latestDecisions(db, ids), activeClaims(db, ids)]);
  return (
    ids.find((id) => {
      const claim = claims.get(id);
      return isLeftToPeople(decisions.get(id)) && (!claim || claim.staffId === staffId);
    }) ?? null
  );
}
