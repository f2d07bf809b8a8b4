import type { OutcomeCode } from '@/lib/concur/model';
import type { Candidate, CandidateLabel, MatchRequest } from '@/lib/members/match';
import { loyaltyNumberKey } from '@/lib/members/normalise';

/**
 * The automatic matcher's rules, as Concur advises: connect only when exactly one member
 * matches last name and loyalty number (or last name and a verified email, for a supplier
 * without loyalty numbers, a switch of its own) and no other member shares that number or any
 * of those emails. Stricter than a person need be, it also leaves to staff a last name that
 * matches only once case, accents, hyphens or spaces are set aside, and a first name that differs
 * (a nickname, perhaps): a person connects those in a moment, a wrong connect cannot be undone.
 * Fail (CREU1) only when nothing matches at all, and only where an admin
 * turned that on. Everything else is an exception a person decides, with the reason. Pure.
 */

export const matchRules = ['last-loyalty', 'last-email', 'no-member'] as const;
export type MatchRule = (typeof matchRules)[number];

export const exceptionReasons = [
  'no-candidate',
  'last-name-only',
  'several-candidates',
  'shared-key',
  'spelling-differs',
  'first-name-differs',
  'loyalty-only',
  'email-only',
  'loyalty-differs',
  'email-rule-off',
  'no-keys',
  'lookup-failed',
  'failed-before',
  'cancelled',
] as const;
export type ExceptionReason = (typeof exceptionReasons)[number];

export type MatchSwitches = {
  /** A supplier without loyalty numbers: last name and a verified email may connect. */
  isEmailRuleOn: boolean;
  /** CREU1 when no member shares any key or the last name. */
  isAutoFailOn: boolean;
};

/** What the judgement rests on, for the request's history and the audit trail: member ids and labels only. */
export type Evidence = { candidates: { memberId: string; label: CandidateLabel }[] };

export type Verdict =
  | { kind: 'connect'; rule: 'last-loyalty' | 'last-email'; memberId: string; outcomeCode: 'CRSUC'; evidence: Evidence }
  | { kind: 'fail'; rule: 'no-member'; outcomeCode: Extract<OutcomeCode, 'CREU1'>; evidence: Evidence }
  | { kind: 'exception'; reason: ExceptionReason; evidence: Evidence };

export const ruleLabels: Record<MatchRule, string> = {
  'last-loyalty': 'Last name and loyalty number',
  'last-email': 'Last name and verified email',
  'no-member': 'No member at all (CREU1)',
};

export const exceptionLabels: Record<ExceptionReason, string> = {
  'no-candidate': 'No candidate',
  'last-name-only': 'Only the last name matches',
  'several-candidates': 'Several candidates',
  'shared-key': 'Loyalty number or email shared',
  'spelling-differs': 'Last name written differently',
  'first-name-differs': 'First name differs',
  'loyalty-only': 'Loyalty number only: last name differs',
  'email-only': 'Email only: last name differs',
  'loyalty-differs': 'Loyalty numbers differ',
  'email-rule-off': 'Email match, email rule off',
  'no-keys': 'No loyalty number or email',
  'lookup-failed': 'Lookup failed',
  'failed-before': 'Failed before: back from Concur',
  cancelled: 'Auto-connect cancelled',
};

function evidenceOf(candidates: readonly Candidate[]): Evidence {
  return { candidates: candidates.map((candidate) => ({ memberId: candidate.member.id, label: candidate.label })) };
}

const exception = (reason: ExceptionReason, evidence: Evidence): Verdict => ({ kind: 'exception', reason, evidence });

/** Whether another candidate than `chosen` holds the request's loyalty number or one of its emails. */
function isKeyShared(candidates: readonly Candidate[], chosen: Candidate): boolean {
  return candidates.some((candidate) => candidate !== chosen && (candidate.keys.loyaltyNumber || candidate.keys.email));
}

function loyaltyVerdict(candidate: Candidate): 'same' | 'differs' | 'missing' {
  return candidate.comparison.find((row) => row.field === 'loyaltyNumber')?.verdict ?? 'missing';
}

/** Names that a person would read as the same without a second look. */
function namesDiffer(candidate: Candidate): ExceptionReason | null {
  const row = (field: 'firstName' | 'lastName') => candidate.comparison.find((r) => r.field === field);
  const last = row('lastName');
  const written = (name: string | null | undefined) => (name ?? '').trim().replace(/\s+/g, ' ');
  const isSameWriting = written(last?.request) === written(last?.member);
  if (!isSameWriting) return 'spelling-differs';
  return row('firstName')?.verdict === 'differs' ? 'first-name-differs' : null;
}

/** The verdict for one request from its ranked candidates (lib/members/candidates findCandidates). */
export function judge(request: MatchRequest, candidates: readonly Candidate[], switches: MatchSwitches): Verdict {
  const evidence = evidenceOf(candidates);
  const hasKeys = loyaltyNumberKey(request.loyaltyNumber) !== null || request.emails.length > 0;
  if (!hasKeys) return exception('no-keys', evidence);

  const full = candidates.filter((candidate) => candidate.keys.lastName && candidate.keys.loyaltyNumber);
  if (full.length > 1) return exception('several-candidates', evidence);
  const [onlyFull] = full;
  if (onlyFull) {
    if (isKeyShared(candidates, onlyFull)) return exception('shared-key', evidence);
    const names = namesDiffer(onlyFull);
    if (names) return exception(names, evidence);
    return { kind: 'connect', rule: 'last-loyalty', memberId: onlyFull.member.id, outcomeCode: 'CRSUC', evidence };
  }

  const byEmail = candidates.filter((candidate) => candidate.keys.lastName && candidate.keys.email);
  if (byEmail.length > 1) return exception('several-candidates', evidence);
  const [onlyByEmail] = byEmail;
  if (onlyByEmail) {
    if (loyaltyVerdict(onlyByEmail) === 'differs') return exception('loyalty-differs', evidence);
    if (isKeyShared(candidates, onlyByEmail)) return exception('shared-key', evidence);
    if (!switches.isEmailRuleOn) return exception('email-rule-off', evidence);
    const names = namesDiffer(onlyByEmail);
    if (names) return exception(names, evidence);
    return { kind: 'connect', rule: 'last-email', memberId: onlyByEmail.member.id, outcomeCode: 'CRSUC', evidence };
  }

  if (candidates.some((candidate) => candidate.keys.loyaltyNumber)) return exception('loyalty-only', evidence);
  if (candidates.some((candidate) => candidate.keys.email)) return exception('email-only', evidence);
  if (candidates.length > 0) return exception('last-name-only', evidence);
  if (!switches.isAutoFailOn) return exception('no-candidate', evidence);
  return { kind: 'fail', rule: 'no-member', outcomeCode: 'CREU1', evidence };
}

/**
 * A request we failed before (CREU1-3) that Concur returned: a person decides the next answer,
 * never the matcher, so an automatic CREU1 is not repeated and a person's fail not overruled.
 */
export function failedBeforeVerdict(): Verdict {
  return exception('failed-before', { candidates: [] });
}

/** A failed lookup is never a "no member": a person decides, and nothing is failed automatically. */
export function lookupFailed(): Verdict {
  return exception('lookup-failed', { candidates: [] });
}
