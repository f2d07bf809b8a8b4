'use client';

import { useEffect, useState } from 'react';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** Under this, "just now": a clock a few seconds off should not read as the future. */
const JUST_NOW_MS = 5000;

function relative(date: Date, now: number, withSeconds: boolean): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const diff = date.getTime() - now;
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  if (withSeconds && Math.abs(diff) >= JUST_NOW_MS) return format.format(Math.round(diff / 1000), 'second');
  return 'just now';
}

/**
 * The server does not know the viewer's time zone, so it renders UTC; once in the browser the
 * text becomes relative ("3 days ago") with the local absolute time on hover.
 */
export function RelativeTime({
  iso,
  withSeconds = false,
}: {
  iso: string;
  /** Counts seconds in the first minute ("40 seconds ago"), for what changes that often (a poll). */
  withSeconds?: boolean;
}) {
  const date = new Date(iso);
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), withSeconds ? 5000 : 60_000);
    return () => clearInterval(timer);
  }, [withSeconds]);

  if (now === null) {
    return <time dateTime={iso}>{`${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
  }
  return (
    <time dateTime={iso} title={date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}>
      {relative(date, now, withSeconds)}
    </time>
  );
}
