'use client';

import { useEffect, useState } from 'react';

/**
 * A time of day ("14:05") in the viewer's time zone, which only the browser knows: UTC until
 * then, with the full date on hover.
 */
export function ClockTime({ iso }: { iso: string }) {
  const [local, setLocal] = useState<{ time: string; full: string } | null>(null);

  useEffect(() => {
    const date = new Date(iso);
    setLocal({
      time: date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
      full: date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
    });
  }, [iso]);

  return (
    <time dateTime={iso} title={local?.full}>
      {local ? local.time : `${iso.slice(11, 16)} UTC`}
    </time>
  );
}
