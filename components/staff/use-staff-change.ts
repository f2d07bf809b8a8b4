'use client';

import { useState, useTransition } from 'react';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/auth/action';

type Failure = { error: string; fieldErrors: Record<string, string> };

const UNREACHABLE = 'The server did not answer. Check your connection, then try again.';

/**
 * Runs one staff page action: a success toast, a refusal kept for the caller to show. Inside a
 * modal dialog the page behind is hidden from screen readers, so dialogs show the refusal
 * themselves (`showErrorsAs: 'inline'`); elsewhere it becomes a toast.
 */
export function useStaffChange<Input, T>(
  action: (input: Input) => Promise<ActionResult<T>>,
  { showErrorsAs }: { showErrorsAs: 'inline' | 'toast' },
) {
  const [isPending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);

  function run(input: Input, success: { title: string; description?: string; onDone?: (data: T) => void }) {
    startTransition(async () => {
      const result = await action(input).catch(() => null);
      if (result?.ok) {
        setFailure(null);
        toast({ variant: 'success', title: success.title, description: success.description });
        success.onDone?.(result.data);
        return;
      }
      // The session ended meanwhile (idle, signed out elsewhere): only signing in again helps.
      if (result?.code === 'unauthenticated') {
        window.location.assign('/sign-in');
        return;
      }
      const next = { error: result?.error ?? UNREACHABLE, fieldErrors: result?.fieldErrors ?? {} };
      setFailure(next);
      if (showErrorsAs === 'toast') toast({ variant: 'destructive', title: 'Not changed', description: next.error });
    });
  }

  return { run, isPending, failure, clearFailure: () => setFailure(null) };
}

/** A change made from a dialog: closing the dialog forgets the last refusal. */
export function useDialogChange<Input, T>(action: (input: Input) => Promise<ActionResult<T>>) {
  const [isOpen, setIsOpen] = useState(false);
  const { run, isPending, failure, clearFailure } = useStaffChange(action, { showErrorsAs: 'inline' });
  return {
    run,
    close: () => setIsOpen(false),
    state: {
      isOpen,
      isPending,
      failure,
      onOpenChange: (open: boolean) => {
        setIsOpen(open);
        if (!open) clearFailure();
      },
    },
  };
}
