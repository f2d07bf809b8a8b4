'use client';

import { useLinkStatus } from 'next/link';
import { cn } from '@/lib/cn';

/**
 * Inside a link to a request: turns while the detail page is asked for. That page checks the
 * request with Concur before it shows anything (so an unknown id can answer 404), which a
 * loading.tsx would not allow. Always there, only shown, so the row never shifts.
 */
export function OpeningHint() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      className={cn(
        'ml-2 inline-block size-3 rounded-full border-2 border-current border-t-transparent align-middle',
        pending ? 'animate-spin opacity-70' : 'opacity-0',
      )}
    />
  );
}
