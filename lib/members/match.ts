import type { OutcomeCode } from '@/lib/concur/model';
import { compareFields, type FieldComparison, type MatchRequest } from './compare';
import type { Member } from './directory';
import { loyaltyNumberKey } from './normalise';

/**
 * Ranking members against a connection request, following Concur's advice: last name plus
 * loyalty number decides, or last name plus verified email where there is no loyalty number.
 * First and middle names never decide (nicknames). Pure: the lookups happen elsewhere, and
 * the outcome is a suggestion for the person who decides.
 */

export type { ComparedField, ComparisonHint, FieldComparison, MatchRequest, Verdict } from './compare';

export type MatchKeys = { lastName: boolean; loyaltyNumber: boolean; email: boolean };

/** In rank order, strongest first. */
export const candidateLabels = [
  '+LAST +LOYALTY +EMAIL',
  '+LAST +LOYALTY',
  '+LAST +EMAIL',
  'LOYALTY only: last name differs',
  'EMAIL only: last name differs',
  '+LAST only',
] as const;
export type CandidateLabel = (typeof candidateLabels)[number];

export type SuggestedOutcome = Extract<OutcomeCode, 'CRSUC' | 'CREU1' | 'CREU2' | 'CREU3'>;

export type Candidate = {
  member: Member;
  keys: MatchKeys;
  label: CandidateLabel;
  comparison: FieldComparison[];
  suggestedOutcome: SuggestedOutcome;
};

export type Suggestion = {
  outcome: SuggestedOutcome;
  /** One line for the person deciding; names no personal data, only member ids. */
  reason: string;
  /** The member to connect, when the suggestion is CRSUC. */
  memberId: string | null;
};

function labelFor(keys: MatchKeys): CandidateLabel | null {
  if (keys.lastName && keys.loyaltyNumber) return keys.email ? '+LAST +LOYALTY +EMAIL' : '+LAST +LOYALTY';
  if (keys.lastName && keys.email) return '+LAST +EMAIL';
  // A number and an email both under another last name read as the number's case: it is the stronger key.
  if (keys.loyaltyNumber) return 'LOYALTY only: last name differs';
  if (keys.email) return 'EMAIL only: last name differs';
  return keys.lastName ? '+LAST only' : null;
}

function outcomeFor(keys: MatchKeys, bothHaveLoyaltyNumbers: boolean): SuggestedOutcome {
  if (keys.lastName && keys.loyaltyNumber) return 'CRSUC';
  // Same person by email, but the number they gave is not the one on file (a typo, an old card).
  if (keys.lastName && keys.email) return bothHaveLoyaltyNumbers ? 'CREU3' : 'CRSUC';
  if (keys.loyaltyNumber || keys.email) return 'CREU2';
  return 'CREU3';
}

/** Null when the member shares no key with the request: such a member is no candidate. */
export function toCandidate(request: MatchRequest, member: Member): Candidate | null {
  const comparison = compareFields(request, member);
  const verdictOf = (field: FieldComparison['field']) => comparison.find((row) => row.field === field)?.verdict;
  const keys: MatchKeys = {
    lastName: verdictOf('lastName') === 'same',
    loyaltyNumber: verdictOf('loyaltyNumber') === 'same',
    email: verdictOf('email') === 'same',
  };
  const label = labelFor(keys);
  if (label === null) return null;
  const bothHaveLoyaltyNumbers = verdictOf('loyaltyNumber') !== 'missing';
  return { member, keys, label, comparison, suggestedOutcome: outcomeFor(keys, bothHaveLoyaltyNumbers) };
}

/** Strongest label first; equal labels by member id, so the order never changes between views. */
export function rankCandidates(request: MatchRequest, members: readonly Member[]): Candidate[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  const candidates = [...byId.values()].flatMap((member) => toCandidate(request, member) ?? []);
  const rank = (candidate: Candidate) => candidateLabels.indexOf(candidate.label);
  return candidates.sort((a, b) => rank(a) - rank(b) || (a.member.id < b.member.id ? -1 : 1));
}

const hasLabel =
  (...labels: CandidateLabel[]) =>
  (candidate: Candidate) =>
    labels.includes(candidate.label);

function loyaltyDifference(candidate: Candidate): string {
  const hint = candidate.comparison.find((row) => row.field === 'loyaltyNumber')?.hint;
  if (hint === 'digits-swapped') return ' (two neighbouring digits swapped)';
  return hint === 'leading-zeros' ? ' (they differ only in leading zeros)' : '';
}

function lastAndEmailSuggestion(candidate: Candidate, request: MatchRequest): Suggestion {
  const id = candidate.member.id;
  if (candidate.suggestedOutcome === 'CREU3') {
    return {
      outcome: 'CREU3',
      reason: `Last name and a verified email match member ${id}, but the loyalty numbers differ${loyaltyDifference(candidate)}.`,
      memberId: null,
    };
  }
  const why =
    loyaltyNumberKey(request.loyaltyNumber) === null
      ? 'the request has no loyalty number'
      : 'the member has no loyalty number';
  return { outcome: 'CRSUC', reason: `Last name and a verified email match member ${id}; ${why}.`, memberId: id };
}

/** The request's suggested outcome, from its ranked candidates. */
export function suggestOutcome(candidates: readonly Candidate[], request: MatchRequest): Suggestion {
  const full = candidates.filter((candidate) => candidate.keys.lastName && candidate.keys.loyaltyNumber);
  const [onlyFull] = full;
  if (full.length === 1 && onlyFull) {
    const id = onlyFull.member.id;
    const otherEmail = candidates.find(hasLabel('EMAIL only: last name differs'));
    const caution = otherEmail ? `; a verified email belongs to member ${otherEmail.member.id}` : '';
    return { outcome: 'CRSUC', reason: `Last name and loyalty number match member ${id}${caution}.`, memberId: id };
  }
  if (full.length > 1) {
    return {
      outcome: 'CREU3',
      reason: `${full.length} members share this last name and loyalty number; the member records need checking.`,
      memberId: null,
    };
  }
  const byEmail = candidates.filter(hasLabel('+LAST +EMAIL'));
  const [onlyByEmail] = byEmail;
  if (byEmail.length === 1 && onlyByEmail) return lastAndEmailSuggestion(onlyByEmail, request);
  if (byEmail.length > 1) {
    return {
      outcome: 'CREU3',
      reason: `${byEmail.length} members share this last name and a verified email; check which account is the traveller's.`,
      memberId: null,
    };
  }
  const otherName = candidates.find(hasLabel('LOYALTY only: last name differs', 'EMAIL only: last name differs'));
  if (otherName) {
    const key = otherName.keys.loyaltyNumber ? 'The loyalty number' : 'A verified email';
    return {
      outcome: 'CREU2',
      reason: `${key} belongs to member ${otherName.member.id}, whose last name differs.`,
      memberId: null,
    };
  }
  return { outcome: 'CREU1', reason: notFoundReason(candidates, request), memberId: null };
}

function notFoundReason(candidates: readonly Candidate[], request: MatchRequest): string {
  if (loyaltyNumberKey(request.loyaltyNumber) === null && request.emails.length === 0) {
    return 'The request has neither a loyalty number nor an email to match on.';
  }
  const sameLastName = candidates.filter(hasLabel('+LAST only')).length;
  const shared =
    sameLastName === 0 ? '' : `; ${sameLastName} member${sameLastName === 1 ? '' : 's'} share only the last name`;
  return `No member has this loyalty number or any of these emails${shared}.`;
}
