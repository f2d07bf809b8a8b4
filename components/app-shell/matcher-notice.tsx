import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import type { SelfPauseNotice } from '@/lib/matcher/page';

/** Tells admins, on every page, that Auto-match stopped itself and waits for one of them. */
export function MatcherNotice({ notice }: { notice: SelfPauseNotice }) {
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-100 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <div className="mx-auto flex w-full max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2 text-sm">
        <p className="flex items-start gap-2">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>Auto-match paused itself: {notice.reason} Nothing automatic is sent until an admin resumes it.</span>
        </p>
        <Link href="/settings" className="font-medium underline underline-offset-4 hover:decoration-2">
          Review in Settings
        </Link>
      </div>
    </div>
  );
}
