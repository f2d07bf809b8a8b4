import type { ConnectionRequest } from '@/lib/concur/model';
import type { MemberRecord } from '@/lib/members/import-schema';
import { emailKey, lastNameKey } from '@/lib/members/normalise';
import type { SandboxTravellerInput } from '@/scripts/lib/sandbox-control';

/**
 * Members for section 9: a traveller of the bench's own with exactly one member (9a), and a
 * directory made from a polled queue, mostly exact matches with near misses among them (9b).
 */

export type MemberFor = { traveller: SandboxTravellerInput; member: MemberRecord };

type Fields = Omit<MemberRecord, 'id' | 'lastNameKey' | 'emails'> & { emails: string[] };

function record(id: string, fields: Fields): MemberRecord {
  return {
    id,
    ...fields,
    lastNameKey: lastNameKey(fields.lastName),
    emails: fields.emails.map((email) => ({ email, key: emailKey(email) })),
  };
}

/** "a", "b", … "z", "ba", …: a suffix that keeps every generated last name a name of letters. */
function letters(n: number): string {
  const letter = String.fromCharCode(97 + (n % 26));
  return n < 26 ? letter : letters(Math.floor(n / 26)) + letter;
}

/**
 * Traveller `n` of 9a and the one member who matches them: a last name, loyalty number and
 * email of their own, so the matcher's rule (exactly one member with the last name and the
 * number, nothing shared) connects them.
 */
export function latencyTraveller(n: number): MemberFor {
  const fields = {
    firstName: 'Ada',
    middleName: null,
    lastName: `Latency${letters(n + 26)}`,
    loyaltyNumber: `7${String(n).padStart(9, '0')}`,
    emails: [`latency.${n}@matcher.bench.test`],
  };
  return { traveller: fields, member: record(`L${String(n).padStart(6, '0')}`, fields) };
}

export const nearMissKinds = [
  'first-name-differs',
  'last-name-written-differently',
  'digits-swapped',
  'number-under-other-name',
  'no-member',
] as const;
export type NearMissKind = (typeof nearMissKinds)[number];

/** Every tenth request a near miss, the kinds in turn; the rest an exact member. */
const NEAR_MISS_EVERY = 10;

function swapLastDigits(loyaltyNumber: string): string {
  const chars = [...loyaltyNumber];
  const [a, b] = [chars.at(-2), chars.at(-1)];
  if (a === undefined || b === undefined || a === b) return `${loyaltyNumber.slice(0, -1)}${b === '9' ? '8' : '9'}`;
  return [...chars.slice(0, -2), b, a].join('');
}

/** The member a near miss of `kind` has on file instead of the exact one; null for none. */
function nearMiss(kind: NearMissKind, exact: Fields): Fields | null {
  switch (kind) {
    case 'first-name-differs':
      return { ...exact, firstName: exact.firstName === 'Quentin' ? 'Bartholomew' : 'Quentin' };
    case 'last-name-written-differently':
      return { ...exact, lastName: exact.lastName.toUpperCase() };
    case 'digits-swapped':
      return { ...exact, loyaltyNumber: exact.loyaltyNumber ? swapLastDigits(exact.loyaltyNumber) : null };
    case 'number-under-other-name':
      // The traveller's account under a name they no longer use, without their emails.
      return { ...exact, lastName: `${exact.lastName}-Former`, emails: [] };
    case 'no-member':
      return null;
  }
}

/**
 * A member for each queued request (in queue order), as a supplier's directory would hold them.
 * Emails that several requests give are left off the members (verified emails are unique in
 * Concur; the sandbox's generated ones are not), as scripts/generate-demo-members.ts does.
 */
export function membersForQueue(requests: readonly ConnectionRequest[]): {
  records: MemberRecord[];
  nearMisses: Record<NearMissKind, number>;
} {
  const emailCounts = new Map<string, number>();
  for (const email of requests.flatMap((request) => request.emails)) {
    emailCounts.set(emailKey(email), (emailCounts.get(emailKey(email)) ?? 0) + 1);
  }
  const nearMisses = Object.fromEntries(nearMissKinds.map((kind) => [kind, 0])) as Record<NearMissKind, number>;
  const records: MemberRecord[] = [];
  requests.forEach((request, i) => {
    const exact: Fields = {
      firstName: request.firstName,
      middleName: request.middleName,
      lastName: request.lastName,
      loyaltyNumber: request.loyaltyNumber,
      emails: request.emails.filter((email) => emailCounts.get(emailKey(email)) === 1),
    };
    const kind =
      i % NEAR_MISS_EVERY === 3 ? nearMissKinds[Math.floor(i / NEAR_MISS_EVERY) % nearMissKinds.length] : undefined;
    const fields = kind ? nearMiss(kind, exact) : exact;
    if (kind) nearMisses[kind] += 1;
    if (fields) records.push(record(`B${String(i).padStart(6, '0')}`, fields));
  });
  return { records, nearMisses };
}
