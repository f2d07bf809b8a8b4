'use client';

import { RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { useAction } from '@/components/actions/use-action';
import { ClockTime } from '@/components/requests/clock-time';
import { Button } from '@/components/ui/button';
import { readPollStatus, refreshRequests } from '@/lib/requests/actions';
import { hasPollAnswered, POLL_CHECK_MS, POLL_FOLLOW_MS, pollMark } from '@/lib/requests/poll-follow';
import type { PollStatus } from '@/lib/requests/schemas';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The page shows the request as the last poll of Concur's queue found it. Refresh asks for a
 * poll, follows it (every second, half a minute at most) and then reads the page again.
 */
export function RefreshFromPoll() {
  const router = useRouter();
  const ask = useAction(refreshRequests);
  const check = useAction(readPollStatus);
  const [isPolling, setIsPolling] = useState(false);
  const [pausedUntil, setPausedUntil] = useState<string | null>(null);
  const [isReading, startReading] = useTransition();
  const isShown = useRef(true);
  useEffect(
    () => () => {
      isShown.current = false;
    },
    [],
  );

  /** The poll status once a poll has finished since `before`; null when it cannot be told in time. */
  async function followPoll(before: PollStatus): Promise<PollStatus | null> {
    const mark = pollMark(before);
    const until = Date.now() + POLL_FOLLOW_MS;
    while (Date.now() < until && isShown.current) {
      await pause(POLL_CHECK_MS);
      const status = await check.executeAsync({});
      if (status.kind !== 'done') return null;
      if (hasPollAnswered(status.data, mark)) return status.data;
    }
    return null;
  }

  async function refresh() {
    setIsPolling(true);
    setPausedUntil(null);
    const before = await check.executeAsync({});
    const asked = before.kind === 'done' ? await ask.executeAsync({}) : before;
    const after = before.kind === 'done' && asked.kind === 'done' ? await followPoll(before.data) : null;
    if (!isShown.current) return;
    setIsPolling(false);
    setPausedUntil(after?.pausedUntil ?? null);
    startReading(() => router.refresh());
  }

  const isBusy = isPolling || isReading;
  return (
    <span className="inline-flex items-center gap-2 text-sm text-muted-foreground">
      <span role="status" aria-live="polite">
        {isPolling && 'Polling Concur…'}
        {!isPolling && pausedUntil && (
          <>
            Concur asked us to wait; next poll at <ClockTime iso={pausedUntil} />
          </>
        )}
      </span>
      <Button variant="outline" size="sm" onClick={() => void refresh()} disabled={isBusy}>
        <RefreshCw aria-hidden className={isBusy ? 'animate-spin' : undefined} />
        {isBusy ? 'Refreshing…' : 'Refresh'}
      </Button>
    </span>
  );
}
