'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { TableCell, TableRow } from '@/components/ui/table';
import type { RequestRow } from '@/lib/requests/schemas';
import { ActivityCell } from './activity-cell';
import { MatcherCell } from './matcher-cell';
import { OpeningHint } from './opening-hint';
import { RelativeTime } from './relative-time';
import { StatusBadge } from './status-badge';

export type RowSelection = { selected: ReadonlySet<string>; onToggle: (id: string) => void };

/**
 * Only full matches with no decision of ours, that nobody else is reviewing, can be connected in
 * bulk; one Auto-match holds a decision on is overridden on its own page, one at a time.
 */
export function isBulkConnectable(row: RequestRow): boolean {
  return (
    row.fullMatchMemberId !== null &&
    row.activity.decided === null &&
    row.activity.reviewingBy === null &&
    row.matcher?.kind !== 'held'
  );
}

/** Some row of the page was judged by Auto-match: the list gives it a column. */
export const hasMatcherColumn = (rows: RequestRow[]) => rows.some((row) => row.matcher !== null);

/** Rows are real links; the detail under the pointer or focus is fetched ahead. */
export function RequestsRows({
  rows,
  selection,
  hasMatcher,
}: {
  rows: RequestRow[];
  selection: RowSelection | null;
  /** Shows the Auto-match column. */
  hasMatcher: boolean;
}) {
  const router = useRouter();
  return rows.map((row) => {
    const href = `/requests/${encodeURIComponent(row.id)}`;
    const prefetch = () => router.prefetch(href);
    return (
      <TableRow key={row.id} className="focus-within:bg-muted">
        {selection && (
          <TableCell className="w-10">
            {isBulkConnectable(row) ? (
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={selection.selected.has(row.id)}
                onChange={() => selection.onToggle(row.id)}
                aria-label={`Select ${row.displayName} for bulk connect (full match, member ${row.fullMatchMemberId})`}
              />
            ) : (
              <span className="sr-only">Not for bulk connect</span>
            )}
          </TableCell>
        )}
        <TableCell className="font-medium">
          <Link
            href={href}
            data-row-link
            onPointerEnter={prefetch}
            onFocus={prefetch}
            className="underline-offset-4 hover:underline focus-visible:underline"
          >
            {row.displayName}
            <OpeningHint />
          </Link>
        </TableCell>
        <TableCell className="font-mono">
          {row.maskedLoyaltyNumber ?? <span className="text-muted-foreground">none</span>}
        </TableCell>
        <TableCell className="tabular-nums">{row.emailCount}</TableCell>
        <TableCell>
          <RelativeTime iso={row.lastModified} />
        </TableCell>
        <TableCell>
          <StatusBadge status={row.status} />
        </TableCell>
        {hasMatcher && (
          <TableCell className="text-sm">
            <MatcherCell matcher={row.matcher} href={href} displayName={row.displayName} />
          </TableCell>
        )}
        <TableCell className="text-sm">
          <ActivityCell activity={row.activity} />
        </TableCell>
      </TableRow>
    );
  });
}
