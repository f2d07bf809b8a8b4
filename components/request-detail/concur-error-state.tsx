'use client';

import { RotateCcwIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { FailureNotice } from '@/components/ui/failure-notice';
import { BackToRequests } from './back-to-requests';

/** Concur could not be asked: what to do, and the reference that finds the cause in the server log. */
export function ConcurErrorState({ message, correlationId }: { message: string; correlationId: string | null }) {
  const router = useRouter();
  const [isRetrying, startTransition] = useTransition();

  return (
    <section className="grid max-w-prose gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Connection request</h1>
      <FailureNotice
        title="Could not load this connection request from Concur."
        message={message}
        reference={correlationId}
      />
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
