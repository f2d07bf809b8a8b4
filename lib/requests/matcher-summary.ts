import type { OutcomeCode } from '@/lib/concur/model';
import type { MatcherView } from '@/lib/matcher/queries';
import type { MatcherSettings } from '@/lib/matcher/settings';

/**
 * What the list and the detail page show of the matcher's view of one request, and the words
 * for it. Member ids, codes and labels only: nothing personal. Pure, for the server and the
 * browser alike.
 */

/** The matcher's decision on a request: what it sends and to whom. */
export type MatcherOutcome = { outcomeCode: OutcomeCode; memberId: string | null };

export type MatcherSummary =
  /** Under auto: a decision waiting out its hold, which staff may override until `holdUntil`. */
  | (MatcherOutcome & {
      kind: 'held';
      decisionId: string;
      holdUntil: string;
      ruleLabel: string;
      /** Paused: the decision does not go when its hold ends, but once the matcher is resumed. */
      isPaused: boolean;
    })
  /** A rule covers the request, but nothing is held (shadow, or paused before it held one). */
  | (MatcherOutcome & { kind: 'would'; ruleLabel: string })
  /** A person decides: no rule covers it, or staff cancelled the matcher's decision. */
  | { kind: 'exception'; label: string }
  /** A person decided instead of the matcher, replacing its held decision. */
  | { kind: 'overridden' };

/**
 * The matcher's view as the screens show it; null when it never judged the request, or it is
 * off now (an old judgement says nothing then). A held decision shows whatever the policy:
 * it is real until something ends it.
 */
export function toMatcherSummary(
  view: MatcherView | undefined,
  settings: Pick<MatcherSettings, 'policy' | 'pause'>,
): MatcherSummary | null {
  if (!view) return null;
  const { held } = view;
  if (held) {
    return {
      kind: 'held',
      decisionId: held.decisionId,
      holdUntil: held.holdUntil,
      outcomeCode: held.outcomeCode,
      memberId: held.memberId,
      ruleLabel: view.label,
      isPaused: settings.pause !== null,
    };
  }
  if (settings.policy === 'off') return null;
  if (view.turnedDown?.state === 'overridden') return { kind: 'overridden' };
  if (view.verdict !== 'exception' && view.outcomeCode) {
    return { kind: 'would', outcomeCode: view.outcomeCode, memberId: view.memberId, ruleLabel: view.label };
  }
  return { kind: 'exception', label: view.label };
}

const memberOf = (outcome: MatcherOutcome) => outcome.memberId ?? 'a member';

/** "Auto-connect to M100040", "Auto-fail (CREU1)": the list's short form of a held decision. */
export function heldLabel(outcome: MatcherOutcome): string {
  if (outcome.outcomeCode === 'CRSUC') return `Auto-connect to ${memberOf(outcome)}`;
  if (outcome.outcomeCode === 'CRRET') return 'Auto-retry (CRRET)';
  return `Auto-fail (${outcome.outcomeCode})`;
}

/** "connect to M100040", "fail with CREU1": what the matcher does, after "Auto-match would". */
export function matcherAction(outcome: MatcherOutcome): string {
  if (outcome.outcomeCode === 'CRSUC') return `connect to ${memberOf(outcome)}`;
  if (outcome.outcomeCode === 'CRRET') return 'send back for retry (CRRET)';
  return `fail with ${outcome.outcomeCode}`;
}

/** "Auto-match will connect this request to M100040": a held decision on the detail page, before its time. */
export function heldSentence(outcome: MatcherOutcome): string {
  if (outcome.outcomeCode === 'CRSUC') return `Auto-match will connect this request to ${memberOf(outcome)}`;
  if (outcome.outcomeCode === 'CRRET') return 'Auto-match will send this request back for retry (CRRET)';
  return `Auto-match will fail this request with ${outcome.outcomeCode}`;
}

/** The name of the button that cancels a held decision: "Cancel auto-connect". */
export function cancelLabel(outcome: MatcherOutcome): string {
  if (outcome.outcomeCode === 'CRSUC') return 'Cancel auto-connect';
  if (outcome.outcomeCode === 'CRRET') return 'Cancel auto-retry';
  return 'Cancel auto-fail';
}

/** Said in the decision's confirmation when it replaces a held one. */
export function overrideNote(outcome: MatcherOutcome): string {
  return `This overrides Auto-match's ${matcherAction(outcome)}.`;
}

/** How long until a hold ends, as a countdown reads: "29 min 05 s", "45 s"; null once it ended. */
export function countdownText(remainingMs: number): string | null {
  if (remainingMs <= 0) return null;
  const seconds = Math.ceil(remainingMs / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${seconds % 60} s`;
}
