'use client';

import { type FormEvent, useId, useState } from 'react';
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
import { isRevealReason, type RevealReason, revealReasonLabels, revealReasons } from '@/lib/masking/reveal-reasons';

/**
 * Asks why before anything is revealed. The reason goes to the audit log with the staff
 * member's name; the value itself never does.
 */
export function RevealDialog({
  isOpen,
  onOpenChange,
  title,
  isPending,
  failure,
  onReveal,
}: {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  title: string;
  isPending: boolean;
  failure: string | null;
  onReveal: (reason: RevealReason) => void;
}) {
  const id = useId();
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const error = isReasonMissing ? 'Choose why you need to see it.' : failure;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = new FormData(event.currentTarget).get('reason');
    setIsReasonMissing(!isRevealReason(reason));
    if (isRevealReason(reason)) onReveal(reason);
  }

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        if (!open) setIsReasonMissing(false);
        onOpenChange(open);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            Your name and reason are recorded in the audit log; the value is not. It is shown to you only, on this page.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <fieldset
            className="grid gap-2"
            aria-invalid={isReasonMissing ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <legend className="mb-2 text-sm font-medium">Why do you need to see it?</legend>
            {revealReasons.map((reason) => (
              <label key={reason} className="flex items-center gap-2 text-sm">
                <input type="radio" name="reason" value={reason} className="size-4 accent-primary" />
                {revealReasonLabels[reason]}
              </label>
            ))}
          </fieldset>
          <p id={`${id}-error`} role="alert" className="min-h-5 text-sm text-destructive">
            {error}
          </p>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={isPending}>
              {isPending ? 'Revealing…' : 'Reveal'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
