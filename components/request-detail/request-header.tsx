import { StatusBadge } from '@/components/requests/status-badge';
import { lastNameFirst } from '@/lib/display-name';
import type { RequestDetail } from '@/lib/requests/detail';
import { BackToRequests } from './back-to-requests';
import { QueueFacts } from './queue-facts';

/** "Last, First Middle", as the list shows names, so staff recognise the request they opened. */
export function RequestHeader({ detail }: { detail: RequestDetail }) {
  return (
    <header className="grid gap-2">
      <div>
        <BackToRequests />
      </div>
      <p className="text-sm text-muted-foreground">Connection request</p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{lastNameFirst(detail)}</h1>
        <StatusBadge status={detail.status} />
      </div>
      <QueueFacts detail={detail} />
    </header>
  );
}
