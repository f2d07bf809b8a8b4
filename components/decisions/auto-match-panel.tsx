'use client';

import { useId, useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { ClockTime } from '@/components/requests/clock-time';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { isFailureCode } from '@/lib/concur/model';
import { type DecisionNotice, travellerEffect } from '@/lib/decisions/messages';
import { cancelHeldDecision, sendHeldDecisionNow } from '@/lib/matcher/actions';
import { cancelLabel, heldSentence, type MatcherSummary, matcherAction } from '@/lib/requests/matcher-summary';
import { HeldDecisionDialog } from './held-decision-dialog';
import { HoldCountdown } from './hold-countdown';
import { NoticeLine } from './notice-line';
import { useDecisionAction } from './use-decision-action';

type Held = Extract<MatcherSummary, { kind: 'held' }>;

/** What Auto-match made of the request, in one sentence. */
function MatcherStatement({ matcher }: { matcher: MatcherSummary }) {
  switch (matcher.kind) {
    case 'held':
      return (
        <p>
          {heldSentence(matcher)} at <ClockTime iso={matcher.holdUntil} /> (rule: {matcher.ruleLabel}).
        </p>
      );
    case 'would':
      return (
        <p>
          Auto-match would {matcherAction(matcher)} (rule: {matcher.ruleLabel}).
        </p>
      );
    case 'exception':
      return <p>Auto-match leaves this to a person: {matcher.label}.</p>;
    case 'overridden':
      return <p>A person overrode Auto-match&apos;s decision on this request.</p>;
  }
}

/** Send now, or cancel: each confirmed first, and the page read again after. */
function HeldActions({ held, onNotice }: { held: Held; onNotice: (notice: DecisionNotice) => void }) {
  const [open, setOpen] = useState<'send' | 'cancel' | null>(null);
  const sendNow = useDecisionAction(sendHeldDecisionNow);
  const cancel = useAction(cancelHeldDecision, { refresh: true, failureTitle: 'Not cancelled' });
  const isPending = sendNow.isPending || cancel.isPending;
  const close = () => setOpen(null);
  const cancelName = cancelLabel(held);

  function confirmCancel() {
    cancel.execute(
      { decisionId: held.decisionId },
      {
        onSuccess: ({ message }) => {
          onNotice({ tone: 'success', message });
          toast({ variant: 'success', title: 'Nothing sent', description: message });
          close();
        },
        onFailure: ({ error }) => {
          onNotice({ tone: 'error', message: error });
          close();
        },
      },
    );
  }

  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={() => setOpen('send')} disabled={isPending}>
        Send now
      </Button>
      <Button size="sm" variant="outline" onClick={() => setOpen('cancel')} disabled={isPending}>
        {cancelName}
      </Button>
      <HeldDecisionDialog
        isOpen={open === 'send'}
        title={`Send Auto-match’s ${held.outcomeCode} now?`}
        description={`It will ${matcherAction(held)} at once, without waiting for the hold to end. ${travellerEffect(held.outcomeCode)} There is no undo.`}
        confirmLabel={`Send ${held.outcomeCode} now`}
        isDestructive={isFailureCode(held.outcomeCode)}
        isPending={sendNow.isPending}
        onOpenChange={(isOpen) => setOpen(isOpen ? 'send' : null)}
        onConfirm={() =>
          sendNow.run({ decisionId: held.decisionId }, (notice) => {
            onNotice(notice);
            close();
          })
        }
      />
      <HeldDecisionDialog
        isOpen={open === 'cancel'}
        title={`${cancelName}?`}
        description="Nothing is sent to Concur. The request stays in the queue, and a person decides it."
        confirmLabel={cancelName}
        isDestructive={false}
        isPending={cancel.isPending}
        onOpenChange={(isOpen) => setOpen(isOpen ? 'cancel' : null)}
        onConfirm={confirmCancel}
      />
    </div>
  );
}

/**
 * Auto-match's view of the request, at the top of the review: its held decision with a
 * countdown and the ways to override it, what it would do, or why it leaves the request to a
 * person. The answer to an action stays here after the page refreshes, whatever it shows then.
 */
export function AutoMatchPanel({ matcher, canAct }: { matcher: MatcherSummary | null; canAct: boolean }) {
  const id = useId();
  const [notice, setNotice] = useState<DecisionNotice | null>(null);
  if (!matcher && !notice) return null;
  const held = matcher?.kind === 'held' ? matcher : null;
  return (
    <section
      id="auto-match"
      aria-labelledby={`${id}-heading`}
      className="grid content-start gap-3 rounded-lg border p-4 text-sm"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Auto-match
      </h2>
      {matcher && <MatcherStatement matcher={matcher} />}
      {held &&
        (held.isPaused ? (
          <p className="font-medium">Auto-match is paused: this decision waits, and goes once it is resumed.</p>
        ) : (
          <HoldCountdown until={held.holdUntil} />
        ))}
      {held && canAct && (
        <>
          <HeldActions held={held} onNotice={setNotice} />
          <p className="text-muted-foreground">Choosing another outcome under Decide overrides it.</p>
        </>
      )}
      <div role="status" aria-live="polite">
        <NoticeLine notice={notice} />
      </div>
    </section>
  );
}
