'use client';

import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { takeOverReview } from '@/lib/decisions/actions';

/** Someone else is reviewing this request: say who, and let an agent take over on purpose. */
export function ClaimBanner({
  requestId,
  holderName,
  until,
  canTakeOver,
}: {
  requestId: string;
  holderName: string;
  until: string;
  canTakeOver: boolean;
}) {
  const takeOver = useAction(takeOverReview, {
    failureTitle: 'Not taken over',
    refresh: true,
    onSuccess: () => toast({ variant: 'success', title: 'You are reviewing this request now' }),
  });
  const time = new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
        Being reviewed by <strong>{holderName}</strong> (until {time}).
      </p>
      {canTakeOver && (
        <Button
          size="sm"
          variant="outline"
          onClick={() => takeOver.execute({ requestId })}
          disabled={takeOver.isPending}
        >
          {takeOver.isPending ? 'Taking over…' : 'Take over'}
        </Button>
      )}
    </div>
  );
}
