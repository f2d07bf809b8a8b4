import 'server-only';
import { ConcurError } from '@/lib/concur';
import { isAwaitingOutcome } from '@/lib/concur/model';
import { readConnectionRequest } from '@/lib/concur/read-request';
import { logConcurFailure, userMessage } from '@/lib/concur/user-messages';
import { getDb } from '@/lib/db';
import { activeClaims, type Claim, claimRequest } from '@/lib/decisions/claims';
import { type DecisionView, decisionsForRequest } from '@/lib/decisions/queries';
import { type CandidatesResult, candidateViewsFor } from '@/lib/members/candidates';
import type { Permission } from '@/lib/roles';
import { type RequestDetailResult, toRequestDetail } from './detail';
import { type RequestHistoryEntry, recordViewAndListHistory } from './history';
import { nextPendingRequestId } from './next-pending';

/**
 * Everything the detail page shows about one request, read once from Concur: the masked
 * request, member candidates, our decisions and history, and who reviews it. An agent opening
 * a request that awaits an outcome claims it for a few minutes.
 */
export type RequestReview = {
  candidates: CandidatesResult;
  decisions: DecisionView[];
  history: RequestHistoryEntry[];
  /** Someone else reviewing it now; null when nobody else is. */
  claimedByOther: Claim | null;
  /** A decision of ours still on its way to Concur. */
  hasOpenDecision: boolean;
  /** The next Pending request to review, for agents working through the queue. */
  nextPendingId: string | null;
};

export type RequestReviewResult =
  | (Extract<RequestDetailResult, { ok: true }> & { review: RequestReview })
  | Exclude<RequestDetailResult, { ok: true }>;

export async function loadRequestReview(
  id: string,
  staff: { id: string },
  permissions: ReadonlySet<Permission>,
): Promise<RequestReviewResult> {
  let request: Awaited<ReturnType<typeof readConnectionRequest>>;
  try {
    request = await readConnectionRequest(id);
  } catch (error) {
    if (!(error instanceof ConcurError)) throw error;
    logConcurFailure('requests.detail.failed', error, 'reading a connection request failed');
    return { ok: false, reason: 'concur', message: userMessage(error), correlationId: error.correlationId };
  }
  if (!request) return { ok: false, reason: 'not-found' };

  const db = await getDb();
  /** Agents claim what they open; others only see who holds it. */
  const currentClaim = async (requestId: string, isAwaiting: boolean, canDecide: boolean) => {
    if (!isAwaiting) return null;
    if (canDecide) return claimRequest(db, requestId, staff.id);
    return (await activeClaims(db, [requestId])).get(requestId) ?? null;
  };
  const isAwaiting = isAwaitingOutcome(request.status);
  const canDecide = permissions.has('requests.decide');
  const [candidates, decisions, history, claim, nextPendingId] = await Promise.all([
    candidateViewsFor(request),
    decisionsForRequest(db, request.id),
    recordViewAndListHistory({ staffId: staff.id, requestId: request.id }),
    currentClaim(request.id, isAwaiting, canDecide),
    canDecide ? nextPendingRequestId(db, request.id, staff.id) : null,
  ]);
  return {
    ok: true,
    detail: toRequestDetail(request),
    review: {
      candidates,
      decisions,
      history,
      claimedByOther: claim && claim.staffId !== staff.id ? claim : null,
      hasOpenDecision: decisions.some((d) => d.sendState === 'sending' || d.sendState === 'failed'),
      nextPendingId,
    },
  };
}
