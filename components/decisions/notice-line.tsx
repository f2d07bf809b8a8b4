import { cn } from '@/lib/cn';
import type { DecisionNotice } from '@/lib/decisions/messages';

const noticeTone = {
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  warning: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
  error: 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
};

/** The answer to a decision, kept on the page inside a live region the caller provides. */
export function NoticeLine({ notice }: { notice: DecisionNotice | null }) {
  if (!notice) return null;
  return <p className={cn('rounded-md border px-3 py-2 text-sm', noticeTone[notice.tone])}>{notice.message}</p>;
}
