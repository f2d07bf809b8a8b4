import { Download } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import type { AuditLogView } from '@/lib/audit/queries';
import { AUDIT_PAGE_SIZE, type AuditSearchInput, auditExportHref, auditHref } from '@/lib/audit/schemas';
import { AuditFilters } from './audit-filters';
import { AuditPager } from './audit-pager';
import { AuditTable } from './audit-table';

/** How many events match, or that none do: a status, so a new filter or page is announced. */
function MatchStatus({ log }: { log: AuditLogView }) {
  if (log.total === 0) {
    return (
      <div role="status" className="grid justify-items-center gap-2 rounded-md border border-dashed p-8 text-center">
        <p className="font-medium">No events match these filters</p>
        <p className="text-sm text-muted-foreground">
          Try a wider date range, or{' '}
          <Link href="/audit" className="underline underline-offset-4">
            clear the filters
          </Link>
          .
        </p>
      </div>
    );
  }
  const first = (log.page - 1) * AUDIT_PAGE_SIZE + 1;
  const last = first + log.rows.length - 1;
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {log.total === 1 ? '1 event' : `${log.total} events`}
      {log.pageCount > 1 && `, showing ${first}–${last}`}
    </p>
  );
}

export function AuditLog({ input, log }: { input: AuditSearchInput; log: AuditLogView }) {
  const isOwnOnly = log.actors === null;
  return (
    <section aria-labelledby="audit-heading" className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight">
            Audit log
          </h1>
          <p className="text-sm text-muted-foreground">
            {isOwnOnly
              ? 'What you have done in Connection Desk, newest first.'
              : 'What staff did in Connection Desk, and what it did for them, newest first.'}
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          {/* A download, not a page: a plain link, never prefetched. */}
          <a href={auditExportHref(input)} download>
            <Download aria-hidden />
            Export CSV
          </a>
        </Button>
      </div>

      {/* Keyed by the URL, so the fields show the filter applied after every navigation. */}
      <AuditFilters key={auditHref(input)} input={input} actors={log.actors} />

      <MatchStatus log={log} />
      {log.rows.length > 0 && <AuditTable rows={log.rows} />}
      {log.pageCount > 1 && <AuditPager input={input} page={log.page} pageCount={log.pageCount} />}
    </section>
  );
}
