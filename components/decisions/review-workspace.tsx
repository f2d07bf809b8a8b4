'use client';

import { type ReactNode, useState } from 'react';
import { FailureNotice } from '@/components/ui/failure-notice';
import type { ConnectionRequestStatus } from '@/lib/concur/model';
import { outcomeLabels } from '@/lib/decisions/messages';
import { lastNameFirst } from '@/lib/display-name';
import type { CandidatesResult } from '@/lib/members/candidates';
import { type MatcherSummary, overrideNote } from '@/lib/requests/matcher-summary';
import { AutoMatchPanel } from './auto-match-panel';
import { CandidateList } from './candidate-list';
import { DecisionPanel } from './decision-panel';

/**
 * Auto-match's view first, then the member candidates next to the decision: choosing a
 * candidate is what "Connect" connects to. The suggested member is chosen to start with; the
 * human still confirms. A decision made here while Auto-match holds one overrides it.
 */
export function ReviewWorkspace({
  requestId,
  travellerName,
  loaded,
  candidates,
  matcher,
  decide,
  canOpenMembers,
}: {
  requestId: string;
  travellerName: string;
  loaded: { status: ConnectionRequestStatus; lastModified: string };
  candidates: CandidatesResult;
  matcher: MatcherSummary | null;
  /** Null when this staff member's role cannot decide. */
  decide: { blockedBecause: ReactNode } | null;
  canOpenMembers: boolean;
}) {
  const list = candidates.ok ? candidates.candidates : [];
  const [selectedId, setSelectedId] = useState<string | null>(
    candidates.ok ? (candidates.suggestion.memberId ?? null) : null,
  );
  const selected = list.find((candidate) => candidate.memberId === selectedId) ?? null;
  const held = matcher?.kind === 'held' ? matcher : null;

  return (
    <div className="grid content-start gap-6">
      <AutoMatchPanel matcher={matcher} canAct={decide !== null && !decide.blockedBecause} />
      <section aria-labelledby="candidates-heading" className="grid content-start gap-3">
        <h2 id="candidates-heading" className="text-lg font-semibold">
          Member candidates
        </h2>
        {!candidates.ok ? (
          <FailureNotice message={candidates.message} reference={candidates.correlationId} />
        ) : (
          <>
            <p className="text-sm">
              Suggested: <span className="font-mono font-medium">{candidates.suggestion.outcome}</span>{' '}
              {outcomeLabels[candidates.suggestion.outcome]}. {candidates.suggestion.reason}
            </p>
            {list.length === 0 ? (
              <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
                No member matches this request by loyalty number, email or last name.
              </p>
            ) : (
              <CandidateList
                candidates={list}
                selectedId={selectedId}
                onSelect={setSelectedId}
                isSelectable={decide !== null}
                canOpenMembers={canOpenMembers}
              />
            )}
          </>
        )}
      </section>
      {decide ? (
        <DecisionPanel
          requestId={requestId}
          travellerName={travellerName}
          loaded={loaded}
          selected={selected ? { id: selected.memberId, name: lastNameFirst(selected) } : null}
          suggestedCode={candidates.ok ? candidates.suggestion.outcome : null}
          blockedBecause={decide.blockedBecause}
          overrides={held ? { decisionId: held.decisionId, note: overrideNote(held) } : null}
        />
      ) : (
        <p className="text-sm text-muted-foreground">Your role can look at requests but not decide them.</p>
      )}
    </div>
  );
}
