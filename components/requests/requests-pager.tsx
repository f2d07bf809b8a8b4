import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { listHref, nextLocation, pageNumber, previousLocation } from '@/lib/requests/list-location';
import { PAGE_SIZES, type RequestListInput } from '@/lib/requests/schemas';

/** Next follows the page's next offset; Previous retraces the pages visited, kept in the URL. */
export function RequestsPager({
  location,
  nextOffset,
  total,
}: {
  location: RequestListInput;
  nextOffset: string | null;
  /** How many requests the tab holds. */
  total: number;
}) {
  const previous = previousLocation(location);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <span className="text-muted-foreground">Per page:</span>
        {PAGE_SIZES.map((size) => (
          <Button key={size} asChild variant={size === location.limit ? 'secondary' : 'ghost'} size="sm">
            <Link
              href={listHref({ status: location.status, limit: size })}
              aria-current={size === location.limit ? 'true' : undefined}
            >
              {size}
            </Link>
          </Button>
        ))}
      </div>
      <div className="flex items-center gap-2">
        {previous && (
          <Button asChild variant="outline" size="sm">
            <Link href={listHref(previous)} aria-keyshortcuts="[">
              Previous page
            </Link>
          </Button>
        )}
        <span className="text-muted-foreground">{total === 1 ? '1 request' : `${total} requests`}</span>
        <span aria-live="polite">Page {pageNumber(location)}</span>
        {nextOffset && (
          <Button asChild variant="outline" size="sm">
            <Link href={listHref(nextLocation(location, nextOffset))} aria-keyshortcuts="]">
              Next page
            </Link>
          </Button>
        )}
      </div>
    </nav>
  );
}
