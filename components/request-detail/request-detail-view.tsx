import type { ReactNode } from 'react';
import { ClaimBanner } from '@/components/decisions/claim-banner';
import { DecisionRecords } from '@/components/decisions/decision-records';
import { ReviewWorkspace } from '@/components/decisions/review-workspace';
import { ClockTime } from '@/components/requests/clock-time';
import { isAwaitingOutcome } from '@/lib/concur/model';
import { lastNameFirst } from '@/lib/display-name';
import type { RequestDetail } from '@/lib/requests/detail';
import type { RequestReview } from '@/lib/requests/review';
import { RefreshFromPoll } from './refresh-from-poll';
import { RequestFields } from './request-fields';
import { RequestHeader } from './request-header';
import { RequestHistory } from './request-history';
import { ReviewNavigation } from './review-navigation';

/** Why this staff member cannot decide the request right now, in words; null when they can. */
function decisionBlock(detail: RequestDetail, review: RequestReview): ReactNode {
  const { queue } = detail;
  if (queue.state === 'left' && queue.reason === 'gone') {
    return (
      <>
        This request left Concur&apos;s queue at <ClockTime iso={queue.at} /> without a decision of ours (decided
        elsewhere, or it expired).
      </>
    );
  }
  if (queue.state === 'left' && isAwaitingOutcome(detail.status)) {
    return (
      <>
        This request left Concur&apos;s queue at <ClockTime iso={queue.at} /> when our decision was sent.
      </>
    );
  }
  if (!isAwaitingOutcome(detail.status)) {
    return `This request is ${detail.status}: Concur is not waiting for an outcome on it.`;
  }
  if (review.hasOpenDecision) return 'A decision is on its way to Concur: see Decisions below.';
  if (review.claimedByOther) {
    return `${review.claimedByOther.staffName} is reviewing this request. Take it over to decide it yourself.`;
  }
  return null;
}

export function RequestDetailView({
  detail,
  review,
  canReveal,
  canDecide,
  canOpenMembers,
}: {
  detail: RequestDetail;
  review: RequestReview;
  canReveal: boolean;
  canDecide: boolean;
  canOpenMembers: boolean;
}) {
  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <RequestHeader detail={detail} />
        <div className="flex flex-wrap items-center gap-2">
          <RefreshFromPoll />
          {canDecide && <ReviewNavigation nextPendingId={review.nextPendingId} />}
        </div>
      </div>
      {review.claimedByOther && (
        <ClaimBanner
          requestId={detail.id}
          holderName={review.claimedByOther.staffName}
          until={review.claimedByOther.expiresAt}
          canTakeOver={canDecide}
        />
      )}
      <div className="grid gap-10 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <RequestFields detail={detail} canReveal={canReveal} />
        <ReviewWorkspace
          requestId={detail.id}
          travellerName={lastNameFirst(detail)}
          loaded={{ status: detail.status, lastModified: detail.lastModified }}
          candidates={review.candidates}
          matcher={review.matcher}
          decide={canDecide ? { blockedBecause: decisionBlock(detail, review) } : null}
          canOpenMembers={canOpenMembers}
        />
      </div>
      <div className="grid gap-10 lg:grid-cols-2">
        <DecisionRecords decisions={review.decisions} canResend={canDecide} canOpenMembers={canOpenMembers} />
        <RequestHistory entries={review.history} />
      </div>
    </div>
  );
}
