import { SendStateBadge } from '@/components/decisions/send-state-badge';
import type { RequestActivity } from '@/lib/requests/schemas';
import { RelativeTime } from './relative-time';

/** The list's "Activity here": our decision first, then who is reviewing it, then who opened it. */
export function ActivityCell({ activity }: { activity: RequestActivity }) {
  const { decided, reviewingBy, openedBy } = activity;
  if (decided) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        Decided <span className="font-mono">{decided.outcomeCode}</span> by {decided.byName}{' '}
        <RelativeTime iso={decided.at} />
        <SendStateBadge state={decided.sendState} />
      </span>
    );
  }
  if (reviewingBy) return <>Being reviewed by {reviewingBy}</>;
  if (openedBy) {
    return (
      <>
        Opened by {openedBy.name} <RelativeTime iso={openedBy.at} />
      </>
    );
  }
  return <span className="text-muted-foreground">none</span>;
}
