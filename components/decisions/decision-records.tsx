import Link from 'next/link';
import { RelativeTime } from '@/components/requests/relative-time';
import { ReferenceForAdministrator } from '@/components/ui/failure-notice';
import { outcomeLabels } from '@/lib/decisions/messages';
import type { DecisionView } from '@/lib/decisions/queries';
import { ResendButton } from './resend-button';
import { SendStateBadge } from './send-state-badge';

/** This request's decisions from our own records: who decided what, and whether Concur has it. */
export function DecisionRecords({
  decisions,
  canResend,
  canOpenMembers,
}: {
  decisions: DecisionView[];
  canResend: boolean;
  canOpenMembers: boolean;
}) {
  return (
    <section aria-labelledby="decisions-heading" className="grid content-start gap-2">
      <h2 id="decisions-heading" className="text-lg font-semibold">
        Decisions
      </h2>
      {decisions.length === 0 ? (
        <p className="text-sm text-muted-foreground">No decision has been made here yet.</p>
      ) : (
        <ol className="grid gap-3">
          {decisions.map((decision) => (
            <li key={decision.id} className="grid gap-1.5 rounded-md border p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono font-medium">{decision.outcomeCode}</span>
                <span>{outcomeLabels[decision.outcomeCode]}</span>
                <SendStateBadge state={decision.sendState} />
              </div>
              <p className="text-muted-foreground">
                {decision.decidedByName}, <RelativeTime iso={decision.decidedAt} />
                {decision.memberId && (
                  <>
                    {' '}
                    · member{' '}
                    {canOpenMembers ? (
                      <Link
                        href={`/members/${encodeURIComponent(decision.memberId)}`}
                        className="font-mono underline underline-offset-4"
                      >
                        {decision.memberId}
                      </Link>
                    ) : (
                      <span className="font-mono">{decision.memberId}</span>
                    )}
                  </>
                )}
              </p>
              {decision.sentCode && decision.sentCode !== decision.outcomeCode && (
                <p>
                  Sent as <span className="font-mono">{decision.sentCode}</span>: the request token had expired or was
                  already used, so Concur was asked to return the request with a new one.
                </p>
              )}
              {decision.note && <p className="whitespace-pre-wrap">“{decision.note}”</p>}
              {decision.lastError && decision.sendState !== 'sent' && (
                <p>
                  {decision.lastError}
                  {decision.correlationId && (
                    <span className="text-muted-foreground">
                      {' '}
                      <ReferenceForAdministrator reference={decision.correlationId} />
                    </span>
                  )}
                </p>
              )}
              {decision.sendState === 'failed' && decision.nextAttemptAt && !decision.needsHand && (
                <p className="text-muted-foreground">
                  Next automatic try <RelativeTime iso={decision.nextAttemptAt} />.
                </p>
              )}
              {decision.sendState === 'failed' && canResend && <ResendButton decisionId={decision.id} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
