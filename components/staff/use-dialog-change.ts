'use client';

import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import type { ActionResult } from '@/lib/auth/action';
import type { ChangeDialogState } from './change-dialog';

/**
 * A staff change made from a dialog. Inside a modal dialog the page behind is hidden from
 * screen readers, so the refusal is shown in the dialog; a success closes it, and closing it
 * forgets the last refusal.
 */
export function useDialogChange<Input, T>(action: (input: Input) => Promise<ActionResult<T>>) {
  const [isOpen, setIsOpen] = useState(false);
  const { execute, isPending, failure, clearFailure } = useAction(action, {
    showFailureAs: 'inline',
    refresh: true,
    onSuccess: () => setIsOpen(false),
  });
  const state: ChangeDialogState = {
    isOpen,
    isPending,
    failure,
    onOpenChange: (open) => {
      setIsOpen(open);
      if (!open) clearFailure();
    },
  };
  return { execute, state };
}
