import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ConnectionRequest } from '@/lib/concur/model';
import { getDb } from '@/lib/db';
import { log } from '@/lib/log';
import { maskEmail, maskLoyaltyNumber } from '@/lib/masking/mask';
import { createDbMemberDirectory, type Member, type MemberDirectory } from './directory';
import { findCandidates } from './find';
import {
  type Candidate,
  type CandidateLabel,
  type ComparedField,
  type FieldComparison,
  type MatchKeys,
  type MatchRequest,
  type SuggestedOutcome,
  type Suggestion,
  suggestOutcome,
} from './match';
import { lastNameKey, loyaltyNumberKey } from './normalise';

export { findCandidates };

/** The member directory the app uses: the embedded tables, until a supplier's own system stands in. */
export async function getMemberDirectory(): Promise<MemberDirectory> {
  return createDbMemberDirectory(await getDb());
}

/** A compared value as the browser may see it: the same shape, loyalty numbers and emails masked. */
export type FieldComparisonView = FieldComparison;

/** What the browser may see of a candidate: names in full (staff match on them), the rest masked. */
export type CandidateView = {
  memberId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  maskedLoyaltyNumber: string | null;
  maskedEmails: string[];
  label: CandidateLabel;
  keys: MatchKeys;
  comparison: FieldComparisonView[];
  suggestedOutcome: SuggestedOutcome;
};

export type CandidatesResult =
  | { ok: true; candidates: CandidateView[]; suggestion: Suggestion }
  | {
      ok: false;
      reason: 'lookup-failed';
      /** What the user can do; the cause is in the server log under `correlationId`. */
      message: string;
      correlationId: string;
    };

function maskValue(field: ComparedField, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'loyaltyNumber') return maskLoyaltyNumber(value);
  return field === 'email' ? maskEmail(value) : value;
}

/** Field by field, so a field added to Member or Candidate never reaches the browser unnoticed. */
export function toCandidateView(candidate: Candidate): CandidateView {
  const { member } = candidate;
  return {
    memberId: member.id,
    firstName: member.firstName,
    middleName: member.middleName,
    lastName: member.lastName,
    maskedLoyaltyNumber: member.loyaltyNumber === null ? null : maskLoyaltyNumber(member.loyaltyNumber),
    maskedEmails: member.emails.map(maskEmail),
    label: candidate.label,
    keys: candidate.keys,
    comparison: candidate.comparison.map((row) => ({
      field: row.field,
      isContextOnly: row.isContextOnly,
      request: maskValue(row.field, row.request),
      member: maskValue(row.field, row.member),
      verdict: row.verdict,
      hint: row.hint,
    })),
    suggestedOutcome: candidate.suggestedOutcome,
  };
}

/** The ranked candidates for a request's detail page, with the suggested outcome. */
export async function candidateViewsFor(
  request: ConnectionRequest,
  directory?: MemberDirectory,
): Promise<CandidatesResult> {
  try {
    const candidates = await findCandidates(directory ?? (await getMemberDirectory()), request);
    return { ok: true, candidates: candidates.map(toCandidateView), suggestion: suggestOutcome(candidates, request) };
  } catch (error) {
    const correlationId = randomUUID();
    // Only the error's kind and code: a database message can quote the values looked up.
    log.error(
      {
        event: 'members.lookup.failed',
        correlationId,
        requestId: request.id,
        errorName: error instanceof Error ? error.name : typeof error,
        code: errorCode(error),
      },
      'looking up members for a connection request failed',
    );
    return {
      ok: false,
      reason: 'lookup-failed',
      message:
        'The member directory could not be searched. Try again in a minute; if it keeps failing, tell your administrator and quote the reference.',
      correlationId,
    };
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/** The one member whose last name and loyalty number both match, if exactly one does. */
function fullMatchAmong(request: MatchRequest, members: readonly Member[]): string | null {
  const loyaltyNumber = loyaltyNumberKey(request.loyaltyNumber);
  const lastName = lastNameKey(request.lastName);
  const matches = members.filter(
    (member) => loyaltyNumberKey(member.loyaltyNumber) === loyaltyNumber && lastNameKey(member.lastName) === lastName,
  );
  const [only] = matches;
  return matches.length === 1 && only ? only.id : null;
}

/**
 * For bulk connect on the list page: request id → member id, for each request whose best
 * candidate is the one full `+LAST +LOYALTY` match. One lookup for the whole page.
 */
export async function fullMatchesFor(
  requests: readonly ConnectionRequest[],
  directory?: MemberDirectory,
): Promise<Map<string, string>> {
  const numbers = requests.flatMap((request) => loyaltyNumberKey(request.loyaltyNumber) ?? []);
  if (numbers.length === 0) return new Map();
  const members = await (directory ?? (await getMemberDirectory())).byLoyaltyNumbers(numbers);
  const matches = new Map<string, string>();
  for (const request of requests) {
    if (loyaltyNumberKey(request.loyaltyNumber) === null) continue;
    const memberId = fullMatchAmong(request, members);
    if (memberId) matches.set(request.id, memberId);
  }
  return matches;
}

/** Checked again on the server right before a bulk connect: the directory may have changed since the page was drawn. */
export async function isFullMatch(
  directory: MemberDirectory,
  request: MatchRequest,
  memberId: string,
): Promise<boolean> {
  const loyaltyNumber = loyaltyNumberKey(request.loyaltyNumber);
  if (loyaltyNumber === null) return false;
  const members = await directory.byLoyaltyNumber(loyaltyNumber);
  return fullMatchAmong(request, members) === memberId;
}
