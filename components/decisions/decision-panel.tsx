'use client';

import { type ReactNode, useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { isCommandKey } from '@/components/ui/keyboard';
import type { ConnectionRequestStatus, OutcomeCode } from '@/lib/concur/model';
import { decideRequest } from '@/lib/decisions/actions';
import { ConfirmDecisionDialog, type PendingDecision } from './confirm-decision-dialog';
import { NoticeLine } from './notice-line';
import { useDecisionAction } from './use-decision-action';

export type SelectedMember = { id: string; name: string };

/** Auto-match's held decision, which any decision made here replaces. */
export type HeldOverride = { decisionId: string; note: string };

/**
 * Connect (c), fail (f) or retry (r): each opens a confirmation first; nothing is sent from a
 * key press alone. The request as loaded goes with the decision, so a change meanwhile is caught.
 */
export function DecisionPanel({
  requestId,
  travellerName,
  loaded,
  selected,
  suggestedCode,
  blockedBecause,
  overrides,
}: {
  requestId: string;
  travellerName: string;
  loaded: { status: ConnectionRequestStatus; lastModified: string };
  selected: SelectedMember | null;
  suggestedCode: OutcomeCode | null;
  /** Why deciding is not possible now (someone else reviews it, a decision is on its way); null when it is. */
  blockedBecause: ReactNode;
  /** Auto-match holds a decision on the request: deciding here overrides it, and the server must be told. */
  overrides: HeldOverride | null;
}) {
  const id = useId();
  const [pending, setPending] = useState<PendingDecision | null>(null);
  const [note, setNote] = useState('');
  const { run, isPending, notice } = useDecisionAction(decideRequest);
  const isBlocked = Boolean(blockedBecause) || isPending;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isBlocked || !isCommandKey(event)) return;
      if (event.key === 'c' && selected)
        setPending({ kind: 'connect', memberId: selected.id, memberName: selected.name });
      else if (event.key === 'f') setPending({ kind: 'fail', suggested: suggestedCode });
      else if (event.key === 'r') setPending({ kind: 'retry' });
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isBlocked, selected, suggestedCode]);

  function confirm(code: OutcomeCode) {
    const common = { requestId, loaded, note, overridesDecisionId: overrides?.decisionId };
    const input =
      code === 'CRSUC' && selected
        ? { ...common, outcomeCode: code, memberId: selected.id }
        : { ...common, outcomeCode: code };
    run(input, () => setPending(null));
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="grid content-start gap-3 rounded-lg border p-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Decide
      </h2>
      {blockedBecause && <p className="text-sm text-muted-foreground">{blockedBecause}</p>}
      <div className="grid gap-1.5">
        <label htmlFor={`${id}-note`} className="text-sm font-medium">
          Note <span className="font-normal text-muted-foreground">(optional, kept in our records)</span>
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          maxLength={500}
          rows={2}
          disabled={isBlocked}
          className="rounded-md border bg-background px-3 py-2 text-sm"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={isBlocked || !selected}
          onClick={() => selected && setPending({ kind: 'connect', memberId: selected.id, memberName: selected.name })}
          aria-keyshortcuts="c"
        >
          {selected ? `Connect to ${selected.id}` : 'Connect: choose a member first'}
          <kbd className="rounded border px-1 font-mono text-xs">c</kbd>
        </Button>
        <Button
          variant="outline"
          disabled={isBlocked}
          onClick={() => setPending({ kind: 'fail', suggested: suggestedCode })}
          aria-keyshortcuts="f"
        >
          Fail…
          <kbd className="rounded border px-1 font-mono text-xs">f</kbd>
        </Button>
        <Button
          variant="outline"
          disabled={isBlocked}
          onClick={() => setPending({ kind: 'retry' })}
          aria-keyshortcuts="r"
        >
          Retry later
          <kbd className="rounded border px-1 font-mono text-xs">r</kbd>
        </Button>
      </div>
      <div role="status" aria-live="polite">
        <NoticeLine notice={notice} />
      </div>
      <ConfirmDecisionDialog
        decision={pending}
        travellerName={travellerName}
        overrideNote={overrides?.note ?? null}
        isPending={isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      />
    </section>
  );
}
