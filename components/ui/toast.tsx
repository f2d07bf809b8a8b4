'use client';

import { CircleAlertIcon, CircleCheckIcon, InfoIcon, type LucideIcon, XIcon } from 'lucide-react';
import { Toast as ToastPrimitive } from 'radix-ui';
import { useSyncExternalStore } from 'react';
import { cn } from '@/lib/cn';

export type ToastVariant = 'default' | 'success' | 'destructive';

export interface ToastOptions {
  title: string;
  description?: string;
  variant?: ToastVariant;
}

interface ToastEntry {
  id: number;
  title: string;
  description?: string;
  variant: ToastVariant;
}

// Older toasts drop off beyond this, so a burst of messages cannot cover the page.
const MAX_TOASTS = 3;
const NO_TOASTS: readonly ToastEntry[] = [];

let toasts: readonly ToastEntry[] = NO_TOASTS;
let nextId = 1;
const listeners = new Set<() => void>();

function setToasts(next: readonly ToastEntry[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Shows a toast from any client code (event handlers, mutation callbacks).
 * Needs one mounted `Toaster`; returns a handle to dismiss it early.
 */
export function toast({ title, description, variant = 'default' }: ToastOptions) {
  const id = nextId++;
  setToasts([...toasts, { id, title, description, variant }].slice(-MAX_TOASTS));
  return { id, dismiss: () => dismissToast(id) };
}

export function dismissToast(id: number) {
  setToasts(toasts.filter((entry) => entry.id !== id));
}

// The icon shape, not only its colour, tells the variants apart.
const variantIcon: Record<ToastVariant, LucideIcon> = {
  default: InfoIcon,
  success: CircleCheckIcon,
  destructive: CircleAlertIcon,
};

const variantClass: Record<ToastVariant, string> = {
  default: '[&>svg]:text-muted-foreground',
  success: 'border-success [&>svg]:text-success',
  destructive: 'border-destructive [&>svg]:text-destructive',
};

// Errors usually need reading and acting on, so they stay up longer.
const variantDuration: Record<ToastVariant, number> = {
  default: 5_000,
  success: 5_000,
  destructive: 10_000,
};

function ToastCard({ id, title, description, variant }: ToastEntry) {
  const Icon = variantIcon[variant];
  return (
    <ToastPrimitive.Root
      duration={variantDuration[variant]}
      onOpenChange={(isOpen) => {
        if (!isOpen) dismissToast(id);
      }}
      className={cn(
        'pointer-events-auto relative flex w-full items-start gap-3 rounded-lg border bg-popover p-4 pr-11 text-popover-foreground shadow-lg',
        'data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)',
        variantClass[variant],
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        <ToastPrimitive.Title className="text-sm font-semibold">{title}</ToastPrimitive.Title>
        {description ? (
          <ToastPrimitive.Description className="text-sm text-muted-foreground">
            {description}
          </ToastPrimitive.Description>
        ) : null}
      </div>
      <ToastPrimitive.Close
        aria-label="Close"
        className="absolute top-3 right-3 inline-flex size-7 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground"
      >
        <XIcon aria-hidden="true" className="size-4" />
      </ToastPrimitive.Close>
    </ToastPrimitive.Root>
  );
}

/** Renders the toasts raised with `toast()`. Mount exactly once, near the root. */
export function Toaster() {
  const entries = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => NO_TOASTS,
  );
  return (
    <ToastPrimitive.Provider swipeDirection="right">
      {entries.map((entry) => (
        <ToastCard key={entry.id} {...entry} />
      ))}
      {/* The empty viewport sits over page content, so only the toasts take clicks. */}
      <ToastPrimitive.Viewport className="pointer-events-none fixed right-0 bottom-0 z-[100] flex max-h-dvh w-full max-w-sm flex-col gap-2 p-4" />
    </ToastPrimitive.Provider>
  );
}
