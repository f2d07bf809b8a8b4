import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ReferenceForAdministrator } from '@/components/ui/failure-notice';
import { isPollUnderway } from '@/lib/requests/poll-follow';
import type { PollStatus } from '@/lib/requests/schemas';
import { ClockTime } from './clock-time';
import { RelativeTime } from './relative-time';

/** Whether to say "Polling Concur…": a poll is on its way, or one a person asked for is still awaited. */
function isPolling(poll: PollStatus | null, isFollowing: boolean): boolean {
  if (poll?.pausedUntil) return false;
  return isFollowing || (poll !== null && isPollUnderway(poll));
}

function PollStatusText({ poll, isFollowing }: { poll: PollStatus | null; isFollowing: boolean }) {
  if (poll?.pausedUntil) {
    return (
      <>
        Concur asked us to wait; next poll at <ClockTime iso={poll.pausedUntil} />
      </>
    );
  }
  if (isPolling(poll, isFollowing)) return <>Polling Concur…</>;
  if (!poll) return null;
  if (!poll.lastPolledAt) return <>Concur not polled yet</>;
  return (
    <>
      Concur polled <RelativeTime iso={poll.lastPolledAt} withSeconds />
    </>
  );
}

/**
 * The screens read our ledger of Concur's queue, never Concur: when it was last polled, a poll
 * on its way, or Concur asking us to wait; administrators can ask for a poll now.
 */
export function PollStatusLine({
  poll,
  isFollowing,
  pollNow,
}: {
  poll: PollStatus | null;
  isFollowing: boolean;
  /** Only for those who may ask for a poll outside a refresh. */
  pollNow: { onClick: () => void; isPending: boolean } | null;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" aria-live="polite">
        <PollStatusText poll={poll} isFollowing={isFollowing} />
      </span>
      {pollNow && (
        <Button
          variant="ghost"
          size="sm"
          onClick={pollNow.onClick}
          disabled={pollNow.isPending || isPolling(poll, isFollowing)}
        >
          Poll now
        </Button>
      )}
    </span>
  );
}

/** The latest poll failed: the list shows what the poll before it found. */
export function PollFailureNotice({ failure }: { failure: NonNullable<PollStatus['lastFailure']> }) {
  return (
    <div role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm">
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        <p className="font-medium">
          The last poll of Concur failed <RelativeTime iso={failure.at} withSeconds />. The list shows what the poll
          before it found.
        </p>
        <p>{failure.message}</p>
        {failure.correlationId && (
          <p className="text-muted-foreground">
            <ReferenceForAdministrator reference={failure.correlationId} />
          </p>
        )}
      </div>
    </div>
  );
}
