'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { TableCell, TableRow } from '@/components/ui/table';
import type { RequestRow } from '@/lib/requests/schemas';
import { RelativeTime } from './relative-time';
import { StatusBadge } from './status-badge';

/** Rows are real links; the detail under the pointer or focus is fetched ahead. */
export function RequestsRows({ rows }: { rows: RequestRow[] }) {
  const router = useRouter();
  return rows.map((row) => {
    const href = `/requests/${encodeURIComponent(row.id)}`;
    const prefetch = () => router.prefetch(href);
    return (
      <TableRow key={row.id} className="focus-within:bg-muted">
        <TableCell className="font-medium">
          <Link
            href={href}
            data-row-link
            onPointerEnter={prefetch}
            onFocus={prefetch}
            className="underline-offset-4 hover:underline focus-visible:underline"
          >
            {row.displayName}
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
        <TableCell className="text-sm">
          {row.openedBy ? (
            <>
              Opened by {row.openedBy.name} <RelativeTime iso={row.openedBy.at} />
            </>
          ) : (
            <span className="text-muted-foreground">none</span>
          )}
        </TableCell>
      </TableRow>
    );
  });
}
