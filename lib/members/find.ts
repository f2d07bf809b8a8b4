import type { MemberDirectory } from './directory';
import { type Candidate, type MatchRequest, rankCandidates } from './match';
import { lastNameKey, loyaltyNumberKey } from './normalise';

/**
 * Looks a request up by each key and ranks what comes back. Members who share only the last
 * name are looked for only when no key found a member with that last name: a common name
 * would otherwise bury the real match under dozens of namesakes.
 */
export async function findCandidates(directory: MemberDirectory, request: MatchRequest): Promise<Candidate[]> {
  const loyaltyNumber = loyaltyNumberKey(request.loyaltyNumber);
  const [byLoyaltyNumber, byEmails] = await Promise.all([
    loyaltyNumber ? directory.byLoyaltyNumber(loyaltyNumber) : [],
    request.emails.length > 0 ? directory.byEmails(request.emails) : [],
  ]);
  const found = [...byLoyaltyNumber, ...byEmails];
  const requestLastName = lastNameKey(request.lastName);
  const hasNamesake = found.some((member) => lastNameKey(member.lastName) === requestLastName);
  const byLastName = hasNamesake ? [] : await directory.byLastName(request.lastName);
  return rankCandidates(request, [...found, ...byLastName]);
}
