'use client';

import { EyeIcon, EyeOffIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { revealRequestValue } from '@/lib/requests/reveal';
import type { RevealField, RevealReason } from '@/lib/requests/reveal-reasons';
import { RevealDialog } from './reveal-dialog';

const UNREACHABLE = 'The server did not answer. Check your connection, then try again.';

/**
 * A masked value with, for staff who may reveal, one button that reveals it (after asking why)
 * and hides it again. It is the same button in both states, so keyboard focus stays on it when
 * the dialog closes and returns there.
 */
export function RevealableValue({
  requestId,
  field,
  fieldLabel,
  masked,
  canReveal,
}: {
  requestId: string;
  field: RevealField;
  /** "loyalty number", "email 2": completes "Reveal …" and "Hide …". */
  fieldLabel: string;
  masked: string;
  canReveal: boolean;
}) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);

  function reveal(reason: RevealReason) {
    startTransition(async () => {
      const result = await revealRequestValue({ requestId, field, reason }).catch(() => null);
      if (result?.ok) {
        setFailure(null);
        setRevealed(result.data.value);
        setIsOpen(false);
        // The history below now has this reveal in it.
        router.refresh();
        return;
      }
      // The session ended meanwhile (idle, signed out elsewhere): only signing in again helps.
      if (result?.code === 'unauthenticated') {
        window.location.assign('/sign-in');
        return;
      }
      setFailure(result?.error ?? UNREACHABLE);
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="font-mono break-all">{revealed ?? masked}</span>
      {canReveal && (
        <>
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              if (revealed) setRevealed(null);
              else setIsOpen(true);
            }}
          >
            {revealed ? <EyeOffIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
            {revealed ? 'Hide' : 'Reveal'}
            <span className="sr-only"> {fieldLabel}</span>
          </Button>
          {/* Present before it has anything to say, so screen readers announce the change. */}
          <p role="status" className="w-full text-xs text-muted-foreground">
            {revealed ? 'Shown to you only. The reveal and your reason were recorded in the audit log.' : ''}
          </p>
          <RevealDialog
            isOpen={isOpen}
            onOpenChange={(open) => {
              setIsOpen(open);
              if (!open) setFailure(null);
            }}
            title={`Reveal ${fieldLabel}`}
            isPending={isPending}
            failure={failure}
            onReveal={reveal}
          />
        </>
      )}
    </div>
  );
}
