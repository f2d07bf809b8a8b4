'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { checkTravellerConnection, disconnectTraveller } from '@/lib/connections/actions';

/** Check that a connection still works; for admins, end it (its tokens are deleted). */
export function ConnectionActions({ connectionId, canDisconnect }: { connectionId: string; canDisconnect: boolean }) {
  const router = useRouter();
  const [isChecking, startCheck] = useTransition();
  const [isEnding, startEnd] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  function check() {
    startCheck(async () => {
      const result = await checkTravellerConnection({ connectionId }).catch(() => null);
      setMessage(result?.ok ? result.data.message : (result?.error ?? 'The server did not answer. Try again.'));
      router.refresh();
    });
  }

  function end() {
    startEnd(async () => {
      const result = await disconnectTraveller({ connectionId }).catch(() => null);
      if (result?.ok) {
        setIsConfirming(false);
        setMessage('Disconnected: the stored tokens are deleted.');
        router.refresh();
      } else {
        setFailure(result?.error ?? 'The server did not answer. Try again.');
      }
    });
  }

  return (
    <div className="grid justify-items-start gap-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" onClick={check} disabled={isChecking}>
          {isChecking ? 'Checking…' : 'Check connection'}
        </Button>
        {canDisconnect && (
          <Button size="sm" variant="destructive" onClick={() => setIsConfirming(true)}>
            Disconnect…
          </Button>
        )}
      </div>
      <p role="status" className="text-sm text-muted-foreground">
        {message}
      </p>
      <Dialog
        open={isConfirming}
        onOpenChange={(open) => {
          setIsConfirming(open);
          if (!open) setFailure(null);
        }}
      >
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Disconnect this traveller?</DialogTitle>
            <DialogDescription>
              Their stored Concur tokens are deleted at once, so bookings can no longer be sent to their Concur
              itinerary. The traveller has to connect again from Concur. This is recorded in the audit log.
            </DialogDescription>
          </DialogHeader>
          <p role="alert" className="min-h-5 text-sm text-destructive">
            {failure}
          </p>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="button" variant="destructive" onClick={end} disabled={isEnding}>
              {isEnding ? 'Disconnecting…' : 'Disconnect'}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
