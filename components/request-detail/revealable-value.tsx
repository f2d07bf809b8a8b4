'use client';

import { EyeIcon, EyeOffIcon } from 'lucide-react';
import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import type { RevealField } from '@/lib/masking/reveal-reasons';
import { revealRequestValue } from '@/lib/requests/reveal';
import { RevealDialog } from './reveal-dialog';

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
  const [isOpen, setIsOpen] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  // The refresh shows this reveal in the history below.
  const reveal = useAction(revealRequestValue, {
    showFailureAs: 'inline',
    refresh: true,
    onSuccess: (data) => {
      setRevealed(data.value);
      setIsOpen(false);
    },
  });

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
              if (!open) reveal.clearFailure();
            }}
            title={`Reveal ${fieldLabel}`}
            isPending={reveal.isPending}
            failure={reveal.failure?.error ?? null}
            onReveal={(reason) => reveal.execute({ requestId, field, reason })}
          />
        </>
      )}
    </div>
  );
}
