'use client';

import { ArrowRightIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { OpeningHint } from '@/components/requests/opening-hint';
import { Button } from '@/components/ui/button';
import { isCommandKey } from '@/components/ui/keyboard';

/** Working through the queue: `n` opens the next Pending request, `u` goes back up to the list. */
export function ReviewNavigation({ nextPendingId }: { nextPendingId: string | null }) {
  const router = useRouter();
  const nextHref = nextPendingId ? `/requests/${encodeURIComponent(nextPendingId)}` : null;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isCommandKey(event)) return;
      if (event.key === 'n' && nextHref) router.push(nextHref);
      else if (event.key === 'u') router.push('/requests');
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [router, nextHref]);

  if (!nextHref) return null;
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={nextHref} aria-keyshortcuts="n">
        Next Pending request
        <ArrowRightIcon aria-hidden="true" />
        <kbd className="rounded border px-1 font-mono text-xs">n</kbd>
        <OpeningHint />
      </Link>
    </Button>
  );
}
