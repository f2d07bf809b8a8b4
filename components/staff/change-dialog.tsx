'use client';

import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormError } from './form-fields';

export type ChangeDialogState = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  isPending: boolean;
  failure: { error: string; fieldErrors: Record<string, string> } | null;
};

/**
 * The frame every change on the staff page shares: a trigger, a titled dialog around one form,
 * the refusal shown inside it, and Cancel. Radix returns focus to the trigger on close.
 */
export function ChangeDialog({
  trigger,
  title,
  description,
  submitLabel,
  submitVariant = 'default',
  state: { isOpen, onOpenChange, isPending, failure },
  onSubmit,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  submitLabel: string;
  submitVariant?: ButtonProps['variant'];
  state: ChangeDialogState;
  onSubmit: (form: FormData) => void;
  children?: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const hasFieldErrors = Object.keys(failure?.fieldErrors ?? {}).length > 0;

  // After a refusal, take the keyboard to the first field that needs fixing.
  useEffect(() => {
    if (failure) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failure]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }

  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form ref={formRef} onSubmit={submit} className="grid gap-4" noValidate>
          {children}
          <FormError>{failure && (hasFieldErrors ? 'Check the fields marked above.' : failure.error)}</FormError>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={submitVariant} disabled={isPending}>
              {isPending ? 'Saving…' : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
