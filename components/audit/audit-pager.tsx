import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { type AuditSearchInput, auditHref } from '@/lib/audit/schemas';

export function AuditPager({ input, page, pageCount }: { input: AuditSearchInput; page: number; pageCount: number }) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
      {page > 1 && (
        <Button asChild variant="outline" size="sm">
          <Link href={auditHref({ ...input, page: page - 1 })}>Previous page</Link>
        </Button>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <Button asChild variant="outline" size="sm">
          <Link href={auditHref({ ...input, page: page + 1 })}>Next page</Link>
        </Button>
      )}
    </nav>
  );
}
