'use client';

import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/auth/action';
import type { DecisionNotice } from '@/lib/decisions/messages';

/** Not "try again": a decision cannot be undone, so first find out whether it went through. */
export const DECISION_UNANSWERED =
  'The server did not answer, so it is not known whether your decision was saved. Reload the page before deciding again.';

/**
 * Runs a decision action: the answer is kept to show on the page (a toast alone is too easy to
 * miss for an irreversible step), announced, and the screen refreshed to show the new state.
 */
export function useDecisionAction<Input>(action: (input: Input) => Promise<ActionResult<DecisionNotice>>) {
  const [notice, setNotice] = useState<DecisionNotice | null>(null);
  const { execute, isPending } = useAction(action, {
    showFailureAs: 'inline',
    unanswered: DECISION_UNANSWERED,
    refresh: true,
  });

  function announce(next: DecisionNotice, onDone?: (notice: DecisionNotice) => void) {
    setNotice(next);
    toast({
      variant: next.tone === 'success' ? 'success' : next.tone === 'error' ? 'destructive' : 'default',
      title: next.tone === 'success' ? 'Decision sent' : next.tone === 'warning' ? 'Decision saved' : 'Not sent',
      description: next.message,
    });
    onDone?.(next);
  }

  /** `onDone` is told the answer as shown, for a screen that keeps it somewhere of its own. */
  function run(input: Input, onDone?: (notice: DecisionNotice) => void) {
    execute(input, {
      onSuccess: ({ tone, message }) => announce({ tone, message }, onDone),
      onFailure: ({ error }) => announce({ tone: 'error', message: error }, onDone),
    });
  }

  return { run, isPending, notice };
}
