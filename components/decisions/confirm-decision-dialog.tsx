'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
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
import { failureCodes, isFailureCode, type OutcomeCode } from '@/lib/concur/model';
import { outcomeLabels, travellerEffect } from '@/lib/decisions/messages';

export type PendingDecision =
  | { kind: 'connect'; memberId: string; memberName: string }
  | { kind: 'fail'; suggested: OutcomeCode | null }
  | { kind: 'retry' };

/**
 * The last step before an outcome goes to Concur. Connecting and failing email the traveller
 * and cannot be undone, so the dialog says so and the confirm button names the outcome.
 */
export function ConfirmDecisionDialog({
  decision,
  travellerName,
  overrideNote,
  isPending,
  onCancel,
  onConfirm,
}: {
  decision: PendingDecision | null;
  travellerName: string;
  /** Said first when the decision replaces Auto-match's held one. */
  overrideNote: string | null;
  isPending: boolean;
  onCancel: () => void;
  onConfirm: (code: OutcomeCode) => void;
}) {
  const id = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [failCode, setFailCode] = useState<OutcomeCode | null>(null);
  const suggestedFail = decision?.kind === 'fail' && isFailureCode(decision.suggested) ? decision.suggested : 'CREU1';
  const code: OutcomeCode =
    decision?.kind === 'connect' ? 'CRSUC' : decision?.kind === 'retry' ? 'CRRET' : (failCode ?? suggestedFail);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm(code);
  }

  const title =
    decision?.kind === 'connect'
      ? `Connect ${travellerName} to member ${decision.memberId}?`
      : decision?.kind === 'retry'
        ? `Send ${travellerName} back for retry?`
        : `Fail ${travellerName}’s request?`;

  return (
    <Dialog
      open={decision !== null}
      onOpenChange={(open) => {
        if (!open) {
          setFailCode(null);
          onCancel();
        }
      }}
    >
      <DialogContent
        onOpenAutoFocus={(event) => {
          // Enter confirms what the key chose; Tab back reaches the choices and Cancel.
          event.preventDefault();
          confirmRef.current?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {travellerEffect(code)} {code === 'CRRET' ? '' : 'There is no undo.'}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4">
          {overrideNote && <p className="text-sm font-medium">{overrideNote}</p>}
          {decision?.kind === 'connect' && (
            <p className="text-sm">
              Member <span className="font-mono">{decision.memberId}</span> ({decision.memberName})
            </p>
          )}
          {decision?.kind === 'fail' && (
            <fieldset className="grid gap-2" aria-describedby={`${id}-hint`}>
              <legend className="mb-1 text-sm font-medium">Reason Concur gives the traveller</legend>
              {failureCodes.map((failure) => (
                <label key={failure} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="code"
                    value={failure}
                    checked={code === failure}
                    onChange={() => setFailCode(failure)}
                    className="size-4 accent-primary"
                  />
                  <span className="font-mono">{failure}</span> {outcomeLabels[failure]}
                  {failure === suggestedFail && decision.suggested === failure && (
                    <span className="text-muted-foreground">(suggested)</span>
                  )}
                </label>
              ))}
              <p id={`${id}-hint`} className="text-xs text-muted-foreground">
                Concur returns a failed request to the queue after 24 hours, at most four times.
              </p>
            </fieldset>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button
              ref={confirmRef}
              type="submit"
              disabled={isPending}
              variant={code === 'CRSUC' || code === 'CRRET' ? 'default' : 'destructive'}
            >
              {isPending ? 'Sending…' : `Send ${code}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
