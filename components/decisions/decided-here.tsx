import Link from 'next/link';
import { RelativeTime } from '@/components/requests/relative-time';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { outcomeLabels } from '@/lib/decisions/messages';
import type { DecisionView } from '@/lib/decisions/queries';
import { SendStateBadge } from './send-state-badge';

/**
 * Our own decisions of this kind, from our records: Concur stops returning Connected and
 * finally Failed requests, but the team still needs to find what it decided.
 */
export function DecidedHere({
  title,
  decisions,
  page,
  hasMore,
  hrefForPage,
}: {
  title: string;
  decisions: DecisionView[];
  page: number;
  hasMore: boolean;
  hrefForPage: (page: number) => string;
}) {
  return (
    <section aria-labelledby="decided-here-heading" className="grid gap-3">
      <h2 id="decided-here-heading" className="text-lg font-semibold">
        {title}
      </h2>
      {decisions.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
          No decisions of this kind have been made here yet.
        </p>
      ) : (
        <Table>
          <TableCaption className="sr-only">{title}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Traveller</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead>Decided by</TableHead>
              <TableHead>When</TableHead>
              <TableHead>Sent</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {decisions.map((decision) => (
              <TableRow key={decision.id}>
                <TableCell>
                  <Link
                    href={`/requests/${encodeURIComponent(decision.requestId)}`}
                    className="underline-offset-4 hover:underline"
                  >
                    {decision.travellerName ?? decision.requestId}
                  </Link>
                </TableCell>
                <TableCell>
                  <span className="font-mono">{decision.outcomeCode}</span> {outcomeLabels[decision.outcomeCode]}
                  {decision.memberId && <span className="text-muted-foreground"> · member {decision.memberId}</span>}
                </TableCell>
                <TableCell>{decision.decidedByName}</TableCell>
                <TableCell>
                  <RelativeTime iso={decision.decidedAt} />
                </TableCell>
                <TableCell>
                  <SendStateBadge state={decision.sendState} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {(page > 0 || hasMore) && (
        <nav aria-label={`${title} pages`} className="flex gap-3 text-sm">
          {page > 0 && (
            <Link href={hrefForPage(page - 1)} className="underline underline-offset-4">
              Newer decisions
            </Link>
          )}
          {hasMore && (
            <Link href={hrefForPage(page + 1)} className="underline underline-offset-4">
              Older decisions
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
