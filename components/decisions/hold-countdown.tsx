'use client';

import { useEffect, useState } from 'react';
import { useRefresh } from '@/components/actions/use-action';
import { countdownText } from '@/lib/requests/matcher-summary';

/** Auto-match sends a decision within a second or two of its hold ending; then the page shows where it went. */
const REFRESH_AFTER_END_MS = 3000;

/**
 * The time left until a held decision goes, counting down each second. Only the browser's
 * clock counts, so nothing shows before hydration; once the hold ends, the page is read again.
 */
export function HoldCountdown({ until }: { until: string }) {
  const [now, setNow] = useState<number | null>(null);
  const refresh = useRefresh();
  const remaining = now === null ? null : countdownText(new Date(until).getTime() - now);
  const hasEnded = now !== null && remaining === null;

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!hasEnded) return;
    const timer = setTimeout(refresh, REFRESH_AFTER_END_MS);
    return () => clearTimeout(timer);
  }, [hasEnded, refresh]);

  if (now === null) return null;
  if (hasEnded) return <p className="text-sm font-medium">The hold has ended: Auto-match is sending it now.</p>;
  return (
    <p className="text-sm">
      Goes to Concur in{' '}
      <span role="timer" className="font-medium tabular-nums">
        {remaining}
      </span>
      , unless someone acts on it first.
    </p>
  );
}
