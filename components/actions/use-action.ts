'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState, useTransition } from 'react';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/auth/action';
import { type Settled, type ShownFailure, settle } from './settle';

export type { ShownFailure } from './settle';

/** What happens next; given to the hook, to one call, or both (the hook's run first). */
export type ActionCallbacks<T> = {
  onSuccess?: (data: T) => void;
  /** A refusal or no answer, after `failure` is set (and toasted, if so shown). */
  onFailure?: (failure: ShownFailure) => void;
};

export type ActionOptions<T> = ActionCallbacks<T> & {
  /**
   * Where a refusal is shown. Inside a modal dialog the page behind is hidden from screen
   * readers, so a dialog shows `failure` itself ('inline'); elsewhere it is a toast.
   */
  showFailureAs?: 'toast' | 'inline';
  /** The toast's title for a refusal: what did not happen. */
  failureTitle?: string;
  /** Only where not answering means more than "try again" (was the decision saved?). */
  unanswered?: string;
  /**
   * After the call, refresh what the screen shows: its server components and its queries.
   * A refusal or no answer refreshes too: it often means the screen was out of date.
   */
  refresh?: boolean;
};

/** What the screen shows, read again after a write: the page's server components and every query. */
export function useRefresh(): () => void {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useCallback(() => {
    router.refresh();
    // Active queries fetch again at once; the rest are fetched when next shown.
    void queryClient.invalidateQueries();
  }, [router, queryClient]);
}

/**
 * The one way a component calls a server action: pending state, what to do after a success,
 * a refusal shown inline or as a toast, one wording when the server did not answer, and a
 * session that ended sending the person to sign in and back (see `settle`).
 */
export function useAction<Input, T>(
  action: (input: Input) => Promise<ActionResult<T>>,
  options: ActionOptions<T> = {},
) {
  const { showFailureAs = 'toast', failureTitle = 'Not done', unanswered, refresh = false } = options;
  const refreshScreen = useRefresh();
  const [isPending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ShownFailure | null>(null);

  /** For a caller that awaits each call (one after another) and keeps its own progress. */
  async function executeAsync(input: Input, then: ActionCallbacks<T> = {}): Promise<Settled<T>> {
    const settled = await settle(action, input, { unanswered });
    if (settled.kind === 'signed-out') return settled;
    if (settled.kind === 'done') {
      setFailure(null);
      options.onSuccess?.(settled.data);
      then.onSuccess?.(settled.data);
    } else {
      setFailure(settled.failure);
      if (showFailureAs === 'toast') {
        toast({ variant: 'destructive', title: failureTitle, description: settled.failure.error });
      }
      options.onFailure?.(settled.failure);
      then.onFailure?.(settled.failure);
    }
    if (refresh) refreshScreen();
    return settled;
  }

  function execute(input: Input, then?: ActionCallbacks<T>): void {
    startTransition(async () => {
      await executeAsync(input, then);
    });
  }

  return { execute, executeAsync, isPending, failure, clearFailure: () => setFailure(null) };
}
