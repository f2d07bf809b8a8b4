'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * The server does not know the viewer's time zone, so it renders UTC; once in the browser the
 * time shows in the viewer's own zone, with UTC on hover. To the second: an audit trail orders
 * events that happen close together.
 */
export function EventTime({ iso }: { iso: string }) {
  const isInBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const utc = `${iso.slice(0, 19).replace('T', ' ')} UTC`;
  if (!isInBrowser) return <time dateTime={iso}>{utc}</time>;
  return (
    <time dateTime={iso} title={utc}>
      {new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })}
    </time>
  );
}
