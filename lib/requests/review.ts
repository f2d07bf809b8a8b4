import 'server-only';
import { isAwaitingOutcome } from '@/lib/concur/model';
import { getDb } from '@/lib/db';
import { activeClaims, type Claim, claimRequest } from '@/lib/decisions/claims';
import { type DecisionView, decisionsForRequest } from '@/lib/decisions/queries';
import { ledgerEvents } from '@/lib/ledger/store';
import { type CandidatesResult, candidateViewsFor } from '@/lib/members/candidates';
import type { Permission } from '@/lib/roles';
import { type RequestDetail, readLedgerRequest } from './detail';
import { type RequestHistoryEntry, recordViewAndListHistory, withQueueEvents } from './history';
import { matcherSummaries } from './matcher';
import type { MatcherSummary } from './matcher-summary';
import { nextPendingRequestId } from './next-pending';

/**
 * Everything the detail page shows about one request, from our ledger of Concur's queue and our
 * own records: the masked request, member candidates, our decisions and history, and who
 * reviews it. An agent opening a request still queued and awaiting an outcome claims it for a
 * few minutes.
 */
export type RequestReview = {
  candidates: CandidatesResult;
  decisions: DecisionView[];
  history: RequestHistoryEntry[];
  /** Someone else reviewing it now; null when nobody else is. */
  claimedByOther: Claim | null;
  /** A decision of ours still on its way to Concur. */
  hasOpenDecision: boolean;
  /** What Auto-match decided or would decide, while Concur awaits an outcome; null when it never judged it. */
  matcher: MatcherSummary | null;
  /** The next Pending request to review, for agents working through the queue. */
  nextPendingId: string | null;
};

export type RequestReviewResult =
  | { ok: true; detail: RequestDetail; review: RequestReview }
  | { ok: false; reason: 'not-found' };

export async function loadRequestReview(
  id: string,
  staff: { id: string },
  permissions: ReadonlySet<Permission>,
): Promise<RequestReviewResult> {
  const found = await readLedgerRequest(id);
  if (!found) return { ok: false, reason: 'not-found' };
  const { entry, detail } = found;
  const { request } = entry;

  const db = await getDb();
  /** Agents claim what they open; others only see who holds it. */
  const currentClaim = async (requestId: string, isAwaiting: boolean, canDecide: boolean) => {
    if (!isAwaiting) return null;
    if (canDecide) return claimRequest(db, requestId, staff.id);
    return (await activeClaims(db, [requestId])).get(requestId) ?? null;
  };
  const isAwaiting = entry.left === null && isAwaitingOutcome(detail.status);
  const canDecide = permissions.has('requests.decide');
  const [candidates, decisions, history, queueEvents, claim, nextPendingId, matcher] = await Promise.all([
    candidateViewsFor(request),
    decisionsForRequest(db, request.id),
    recordViewAndListHistory({ staffId: staff.id, requestId: request.id }),
    ledgerEvents(db, request.id),
    currentClaim(request.id, isAwaiting, canDecide),
    canDecide ? nextPendingRequestId(db, request.id, staff.id) : null,
    isAwaiting ? matcherSummaries(db, [request.id]) : new Map<string, MatcherSummary>(),
  ]);
  return {
    ok: true,
    detail,
    review: {
      candidates,
      decisions,
      history: withQueueEvents(history, queueEvents),
      claimedByOther: claim && claim.staffId !== staff.id ? claim : null,
      hasOpenDecision: decisions.some((d) => d.sendState === 'sending' || d.sendState === 'failed'),
      nextPendingId,
      matcher: matcher.get(request.id) ?? null,
    },
  };
}
