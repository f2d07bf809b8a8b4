'use client';

import { RefreshCw, TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { RequestListInput, RequestRow } from '@/lib/requests/schemas';
import { usePendingRequests } from './pending-requests-query';
import { RelativeTime } from './relative-time';
import { RequestsPager } from './requests-pager';
import { StatusBadge } from './status-badge';

function Rows({ rows }: { rows: RequestRow[] }) {
  return rows.map((row) => (
    <TableRow key={row.id}>
      <TableCell className="font-medium">{row.displayName}</TableCell>
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
    </TableRow>
  ));
}

export function RequestsTable({ input }: { input: RequestListInput }) {
  const query = usePendingRequests(input);
  const result = query.data;

  return (
    <section aria-labelledby="pending-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="pending-heading" className="text-2xl font-semibold tracking-tight">
          Pending connection requests
        </h1>
        <div className="flex items-center gap-3 text-sm text-muted-foreground">
          {result?.ok && (
            <span aria-live="polite">
              Updated <RelativeTime iso={result.fetchedAt} />
            </span>
          )}
          <Button variant="outline" size="sm" onClick={() => query.refetch()} disabled={query.isFetching}>
            <RefreshCw aria-hidden className={query.isFetching ? 'animate-spin' : undefined} />
            {query.isFetching ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </div>

      {result && !result.ok && (
        <div role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-medium">Could not ask Concur for connection requests.</p>
            <p>{result.message}</p>
            {result.correlationId && (
              <p className="text-muted-foreground">Reference for your administrator: {result.correlationId}</p>
            )}
          </div>
        </div>
      )}

      {result?.ok && result.rows.length === 0 && (
        <p className="rounded-md border border-dashed p-8 text-center text-muted-foreground">
          Nothing waiting: Concur has no Pending connection requests {result.offset ? 'on this page' : 'right now'}.
        </p>
      )}

      {result?.ok && result.rows.length > 0 && (
        <Table>
          <TableCaption className="sr-only">Pending connection requests, masked</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Loyalty number</TableHead>
              <TableHead>Verified emails</TableHead>
              <TableHead>Last modified</TableHead>
              <TableHead>Status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <Rows rows={result.rows} />
          </TableBody>
        </Table>
      )}

      {result?.ok && <RequestsPager offset={result.offset} limit={result.limit} nextOffset={result.nextOffset} />}
    </section>
  );
}
