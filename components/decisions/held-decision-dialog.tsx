'use client';

import { useRef } from 'react';
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

/** The confirmation before staff act on Auto-match's held decision: what happens, in words, then one button. */
export function HeldDecisionDialog({
  isOpen,
  title,
  description,
  confirmLabel,
  isDestructive,
  isPending,
  onOpenChange,
  onConfirm,
}: {
  isOpen: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  isDestructive: boolean;
  isPending: boolean;
  onOpenChange: (isOpen: boolean) => void;
  onConfirm: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogContent
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          confirmRef.current?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          {/* Not "Cancel": one of these dialogs cancels something, and two Cancels would be one too many. */}
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Keep it held
            </Button>
          </DialogClose>
          <Button
            ref={confirmRef}
            type="button"
            disabled={isPending}
            variant={isDestructive ? 'destructive' : 'default'}
            onClick={onConfirm}
          >
            {isPending ? 'Working…' : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
