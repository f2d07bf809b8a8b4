'use client';

import { RotateCcwIcon, TriangleAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { BackToRequests } from './back-to-requests';

/** Concur could not be asked: what to do, and the reference that finds the cause in the server log. */
export function ConcurErrorState({ message, correlationId }: { message: string; correlationId: string | null }) {
  const router = useRouter();
  const [isRetrying, startTransition] = useTransition();

  return (
    <section className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Connection request</h1>
      <div role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <div className="grid gap-1">
          <p className="font-medium">Could not load this connection request from Concur.</p>
          <p>{message}</p>
          {correlationId && (
            <p className="text-muted-foreground">
              Reference for your administrator: <span className="font-mono">{correlationId}</span>
            </p>
          )}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={isRetrying}
          onClick={() => startTransition(() => router.refresh())}
        >
          <RotateCcwIcon aria-hidden="true" className={isRetrying ? 'animate-spin' : undefined} />
          {isRetrying ? 'Trying again…' : 'Try again'}
        </Button>
        <BackToRequests variant="outline" />
      </div>
    </section>
  );
}
