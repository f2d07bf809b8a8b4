'use client';

import { useEffect, useState } from 'react';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

function relative(date: Date, now: number): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const diff = date.getTime() - now;
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/**
 * The server does not know the viewer's time zone, so it renders UTC; once in the browser the
 * text becomes relative ("3 days ago") with the local absolute time on hover.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  if (now === null) {
    return <time dateTime={iso}>{`${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
  }
  return (
    <time dateTime={iso} title={date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}>
      {relative(date, now)}
    </time>
  );
}
