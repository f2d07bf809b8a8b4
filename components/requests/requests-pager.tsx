import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { PAGE_SIZES } from '@/lib/requests/schemas';

function href(params: { offset?: string | null; limit: number }): string {
  const search = new URLSearchParams({ limit: String(params.limit) });
  if (params.offset) search.set('offset', params.offset);
  return `/requests?${search}`;
}

/** Concur pages forward only (NextPage); going back means starting over from the first page. */
export function RequestsPager({
  offset,
  limit,
  nextOffset,
}: {
  offset: string | null;
  limit: number;
  nextOffset: string | null;
}) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <span className="text-muted-foreground">Per page:</span>
        {PAGE_SIZES.map((size) => (
          <Button key={size} asChild variant={size === limit ? 'secondary' : 'ghost'} size="sm">
            <Link href={href({ limit: size })} aria-current={size === limit ? 'true' : undefined}>
              {size}
            </Link>
          </Button>
        ))}
      </div>
      <div className="flex items-center gap-2">
        {offset && (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ limit })}>First page</Link>
          </Button>
        )}
        {nextOffset && (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ offset: nextOffset, limit })}>Next page</Link>
          </Button>
        )}
      </div>
    </nav>
  );
}
