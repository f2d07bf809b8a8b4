'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/auth/action';
import type { DecisionNotice } from '@/lib/decisions/messages';

const UNREACHABLE =
  'The server did not answer, so it is not known whether your decision was saved. Reload the page before deciding again.';

/**
 * Runs a decision action: the answer is kept to show on the page (a toast alone is too easy to
 * miss for an irreversible step), announced, and the page reloaded to show the new state.
 */
export function useDecisionAction<Input>(action: (input: Input) => Promise<ActionResult<DecisionNotice>>) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [notice, setNotice] = useState<DecisionNotice | null>(null);

  function run(input: Input, onDone?: () => void) {
    startTransition(async () => {
      const result = await action(input).catch(() => null);
      if (result && !result.ok && result.code === 'unauthenticated') {
        window.location.assign('/sign-in');
        return;
      }
      const next: DecisionNotice = result?.ok
        ? { tone: result.data.tone, message: result.data.message }
        : { tone: 'error', message: result?.error ?? UNREACHABLE };
      setNotice(next);
      toast({
        variant: next.tone === 'success' ? 'success' : next.tone === 'error' ? 'destructive' : 'default',
        title: next.tone === 'success' ? 'Decision sent' : next.tone === 'warning' ? 'Decision saved' : 'Not sent',
        description: next.message,
      });
      onDone?.();
      router.refresh();
    });
  }

  return { run, isPending, notice };
}
