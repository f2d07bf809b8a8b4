'use client';

import { Button } from '@/components/ui/button';
import { resendDecision } from '@/lib/decisions/actions';
import { useDecisionAction } from './use-decision-action';

export function ResendButton({ decisionId }: { decisionId: string }) {
  const { run, isPending, notice } = useDecisionAction(resendDecision);
  return (
    <div className="grid justify-items-start gap-1">
      <Button size="sm" variant="outline" onClick={() => run({ decisionId })} disabled={isPending}>
        {isPending ? 'Sending…' : 'Send again now'}
      </Button>
      <p role="status" className="text-xs text-muted-foreground">
        {notice?.message}
      </p>
    </div>
  );
}
