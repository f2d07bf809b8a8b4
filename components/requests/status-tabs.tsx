import Link from 'next/link';
import { cn } from '@/lib/cn';
import { type ConnectionRequestStatus, connectionRequestStatuses } from '@/lib/concur/model';
import { listHref } from '@/lib/requests/list-location';
import type { RequestListInput } from '@/lib/requests/schemas';

/** One link per status, Pending first; the number is its keyboard shortcut. */
export function StatusTabs({ current, limit }: { current: ConnectionRequestStatus; limit: RequestListInput['limit'] }) {
  return (
    <nav aria-label="Status">
      <ul className="flex flex-wrap gap-1 border-b">
        {connectionRequestStatuses.map((status, index) => {
          const isCurrent = status === current;
          return (
            <li key={status}>
              <Link
                href={listHref({ status, limit })}
                aria-current={isCurrent ? 'page' : undefined}
                aria-keyshortcuts={String(index + 1)}
                title={`Shortcut: ${index + 1}`}
                className={cn(
                  '-mb-px inline-flex h-10 items-center gap-2 border-b-2 px-3 text-sm',
                  isCurrent
                    ? 'border-foreground font-semibold text-foreground'
                    : 'border-transparent text-muted-foreground hover:text-foreground',
                )}
              >
                {status}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
