import type { Member } from './directory';
import { emailKey, lastNameKey, loyaltyNumberKey } from './normalise';

/** What a connection request offers to match on; a ConnectionRequest is one. */
export type MatchRequest = {
  firstName: string;
  middleName: string | null;
  lastName: string;
  loyaltyNumber: string | null;
  emails: readonly string[];
};

export type ComparedField = 'firstName' | 'middleName' | 'lastName' | 'loyaltyNumber' | 'email';
export type Verdict = 'same' | 'differs' | 'missing';
/**
 * Why two values that look alike compare as they do, for the person deciding:
 * `written-differently` same key, other spelling (accents, case, punctuation);
 * `digits-swapped` two neighbouring characters trade places; `leading-zeros` equal but for zeros in front.
 */
export type ComparisonHint = 'written-differently' | 'digits-swapped' | 'leading-zeros';

export type FieldComparison = {
  field: ComparedField;
  /** First and middle names are shown for context only: nicknames make them unreliable (Concur's advice). */
  isContextOnly: boolean;
  request: string | null;
  member: string | null;
  verdict: Verdict;
  hint: ComparisonHint | null;
};

function compareNames(
  field: ComparedField,
  request: string | null,
  member: string | null,
): Omit<FieldComparison, 'isContextOnly'> {
  const requestKey = request ? lastNameKey(request) : '';
  const memberKey = member ? lastNameKey(member) : '';
  if (requestKey === '' || memberKey === '') return { field, request, member, verdict: 'missing', hint: null };
  if (requestKey !== memberKey) return { field, request, member, verdict: 'differs', hint: null };
  const isWrittenDifferently = request?.trim() !== member?.trim();
  return { field, request, member, verdict: 'same', hint: isWrittenDifferently ? 'written-differently' : null };
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differing = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  const [first, second] = differing;
  return (
    differing.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    a[first] === b[second] &&
    a[second] === b[first]
  );
}

function loyaltyHint(request: string, member: string): ComparisonHint | null {
  if (request.replace(/^0+/, '') === member.replace(/^0+/, '')) return 'leading-zeros';
  return isAdjacentSwap(request, member) ? 'digits-swapped' : null;
}

function compareLoyaltyNumbers(request: string | null, member: string | null): FieldComparison {
  const base = { field: 'loyaltyNumber', isContextOnly: false, request, member } as const;
  const requestKey = loyaltyNumberKey(request);
  const memberKey = loyaltyNumberKey(member);
  if (requestKey === null || memberKey === null) return { ...base, verdict: 'missing', hint: null };
  if (requestKey === memberKey) return { ...base, verdict: 'same', hint: null };
  return { ...base, verdict: 'differs', hint: loyaltyHint(requestKey, memberKey) };
}

/** Shows the shared address when there is one, else the first of each side. */
function compareEmails(request: readonly string[], member: readonly string[]): FieldComparison {
  const base = { field: 'email', isContextOnly: false, hint: null } as const;
  const memberByKey = new Map(member.map((email) => [emailKey(email), email]));
  for (const email of request) {
    const shared = memberByKey.get(emailKey(email));
    if (shared !== undefined) return { ...base, request: email, member: shared, verdict: 'same' };
  }
  const firstRequest = request[0] ?? null;
  const firstMember = member[0] ?? null;
  const verdict = firstRequest === null || firstMember === null ? 'missing' : 'differs';
  return { ...base, request: firstRequest, member: firstMember, verdict };
}

/** Field by field, in the order a person reads a name card. */
export function compareFields(request: MatchRequest, member: Member): FieldComparison[] {
  return [
    { ...compareNames('firstName', request.firstName, member.firstName), isContextOnly: true },
    { ...compareNames('middleName', request.middleName, member.middleName), isContextOnly: true },
    { ...compareNames('lastName', request.lastName, member.lastName), isContextOnly: false },
    compareLoyaltyNumbers(request.loyaltyNumber, member.loyaltyNumber),
    compareEmails(request.emails, member.emails),
  ];
}
