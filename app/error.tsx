'use client';

import { RotateCcwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

/*
 * Deliberately shows nothing from `error`: the user can only retry, and the
 * detail is logged on the server. `retry` re-fetches the segment from the
 * server, where `reset` would only re-render what already failed.
 */
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <section role="alert" className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">This screen could not be loaded</h1>
      <p className="text-sm text-muted-foreground">
        Something went wrong on our side. Try again; if it keeps failing, wait a minute and reload the page.
      </p>
      <div>
        <Button onClick={() => retry()}>
          <RotateCcwIcon aria-hidden="true" />
          Try again
        </Button>
      </div>
    </section>
  );
}
