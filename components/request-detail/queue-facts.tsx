import { ClockTime } from '@/components/requests/clock-time';
import { RelativeTime } from '@/components/requests/relative-time';
import type { RequestDetail } from '@/lib/requests/detail';

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
const polls = (n: number) => (n === 1 ? 'one poll' : `${n} polls`);

/** What our polls of Concur's queue know about the request: the page shows it as they saw it. */
export function QueueFacts({ detail }: { detail: RequestDetail }) {
  const { queue } = detail;
  return (
    <div className="grid gap-0.5 text-sm text-muted-foreground">
      <p>
        {queue.state === 'queued' ? (
          <>
            In Concur&apos;s queue, as Concur had it at the last poll, <ClockTime iso={detail.lastSeenAt} />.
          </>
        ) : queue.reason === 'sent' ? (
          <>
            Left Concur&apos;s queue at <ClockTime iso={queue.at} /> when our decision was sent.
          </>
        ) : (
          <>
            Left Concur&apos;s queue at <ClockTime iso={queue.at} /> without a decision of ours.
          </>
        )}
      </p>
      <p>
        First seen <RelativeTime iso={detail.firstSeenAt} />; seen by {polls(detail.timesSeen)}
        {detail.timesReturned > 0 && <>; back in the queue {times(detail.timesReturned)}</>}.
      </p>
    </div>
  );
}
