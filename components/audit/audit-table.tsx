import Link from 'next/link';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuditRow } from '@/lib/audit/schemas';
import { EventTime } from './event-time';

function Details({ lines }: { lines: AuditRow['details'] }) {
  if (lines.length === 0) return <span className="text-muted-foreground">none</span>;
  return (
    <ul className="grid gap-0.5">
      {lines.map((line) => (
        <li key={line.label}>
          <span className="text-muted-foreground">{line.label}:</span> {line.value}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <Table>
      <TableCaption className="sr-only">Audit events, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Request</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap tabular-nums">
              <EventTime iso={row.occurredAt} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{row.actorName}</TableCell>
            <TableCell>{row.what}</TableCell>
            <TableCell className="font-mono text-xs">
              {row.requestId ? (
                <Link
                  href={`/requests/${encodeURIComponent(row.requestId)}`}
                  className="underline-offset-4 hover:underline focus-visible:underline"
                >
                  {row.requestId}
                </Link>
              ) : (
                <span className="font-sans text-sm text-muted-foreground">none</span>
              )}
            </TableCell>
            <TableCell className="text-sm">
              <Details lines={row.details} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
