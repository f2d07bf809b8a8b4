'use client';

import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
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
  const [message, setMessage] = useState<string | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  // Both answers, good or bad, go to the one status line below the buttons.
  const check = useAction(checkTravellerConnection, {
    showFailureAs: 'inline',
    refresh: true,
    onSuccess: (data) => setMessage(data.message),
    onFailure: (failure) => setMessage(failure.error),
  });
  // Its refusal is shown inside the confirmation dialog.
  const end = useAction(disconnectTraveller, {
    showFailureAs: 'inline',
    refresh: true,
    onSuccess: () => {
      setIsConfirming(false);
      setMessage('Disconnected: the stored tokens are deleted.');
    },
  });

  return (
    <div className="grid justify-items-start gap-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" onClick={() => check.execute({ connectionId })} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check connection'}
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
          if (!open) end.clearFailure();
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
            {end.failure?.error}
          </p>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button
              type="button"
              variant="destructive"
              onClick={() => end.execute({ connectionId })}
              disabled={end.isPending}
            >
              {end.isPending ? 'Disconnecting…' : 'Disconnect'}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
