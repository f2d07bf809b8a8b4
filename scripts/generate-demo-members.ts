import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MEMBERS_CSV } from '@/lib/members/demo';
import { type MemberCsvColumn, memberCsvColumns } from '@/lib/members/import-schema';
import { emailKey, lastNameKey } from '@/lib/members/normalise';
import { FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES } from '@/sandbox/names';
import { between, pick, random } from '@/sandbox/random';
import { generateSeedRequests, type SeedRequest } from '@/sandbox/seed';

/**
 * `npx tsx scripts/generate-demo-members.ts`: writes lib/members/demo-members.csv, the members
 * that go with the sandbox's demo requests. Mostly exact matches; every fourth Pending request
 * a deliberate near miss of one kind, in turn; a few hundred unrelated members around them.
 * Deterministic, and a test keeps the committed file equal to this output.
 */

export const nearMissKinds = [
  'nickname',
  'diacritics',
  'hyphenated',
  'digits-swapped',
  'leading-zeros',
  'email-of-other-member',
  'number-under-other-name',
  'no-member',
] as const;
export type NearMissKind = (typeof nearMissKinds)[number];

export type DemoMember = Record<MemberCsvColumn, string>;

const NEAR_MISSES_PER_KIND = 4;
const UNRELATED_MEMBERS = 300;
const NICKNAMES: Record<string, string> = {
  Robert: 'Bob',
  Bob: 'Robert',
  Margaret: 'Peggy',
  Peggy: 'Margaret',
  'Mary-Kate': 'Mary',
  'Jean-Luc': 'Jean',
};
const UNFOLDED: Record<string, string> = { ø: 'o', Ø: 'O', þ: 'th', Þ: 'Th', ł: 'l', Ł: 'L', ß: 'ss', đ: 'd', Đ: 'D' };

/** "Øvergård" → "Overgard": how a system without accents spells a name. */
function asciiFold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØþÞłŁßđĐ]/g, (letter) => UNFOLDED[letter] ?? letter);
}

/** "García-López" → "Garcia Lopez", "O'Brien" → "OBrien", "van der Berg" → "Van Der Berg". */
function respelled(lastName: string): string {
  const folded = asciiFold(lastName).replace(/-/g, ' ').replace(/['’.]/g, '');
  return folded.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** The first pair of neighbouring digits that differ, swapped; null when all digits are alike. */
function swapDigits(loyaltyNumber: string): string | null {
  const chars = [...loyaltyNumber];
  for (let i = chars.length - 2; i >= 1; i -= 1) {
    const [a, b] = [chars[i], chars[i + 1]];
    if (a !== undefined && b !== undefined && a !== b) {
      chars.splice(i, 2, b, a);
      return chars.join('');
    }
  }
  return null;
}

type Plan = { requests: SeedRequest[]; uniqueEmails: (request: SeedRequest) => string[] };

function isEligible(kind: NearMissKind, request: SeedRequest, plan: Plan): boolean {
  const { loyaltyNumber, lastName } = request;
  const hasEmail = plan.uniqueEmails(request).length > 0;
  switch (kind) {
    case 'nickname':
      return loyaltyNumber !== null && request.firstName in NICKNAMES;
    case 'diacritics':
      return loyaltyNumber !== null && /^[\p{L}]+$/u.test(lastName) && asciiFold(lastName) !== lastName;
    case 'hyphenated':
      return loyaltyNumber !== null && /[-'’ .]/.test(lastName) && respelled(lastName) !== lastName;
    case 'digits-swapped':
      return loyaltyNumber !== null && hasEmail && swapDigits(loyaltyNumber) !== null;
    case 'leading-zeros':
      return loyaltyNumber?.startsWith('0') === true && hasEmail;
    case 'email-of-other-member':
      return hasEmail;
    case 'number-under-other-name':
      return loyaltyNumber !== null;
    case 'no-member':
      return true;
  }
}

/**
 * Pending request id → its near miss: every fourth Pending request takes the next kind that
 * fits it; kinds few requests fit (nicknames) are topped up from the requests in between.
 */
export function planNearMisses(plan: Plan): Map<string, NearMissKind> {
  const pending = plan.requests.filter((request) => request.status === 'Pending');
  const left = new Map(nearMissKinds.map((kind) => [kind, NEAR_MISSES_PER_KIND]));
  const chosen = new Map<string, NearMissKind>();
  let turn = 0;
  for (const offset of [1, 3]) {
    pending.forEach((request, p) => {
      if (p % 4 !== offset) return;
      for (let tried = 0; tried < nearMissKinds.length; tried += 1) {
        const kind = nearMissKinds[(turn + tried) % nearMissKinds.length];
        if (kind && (left.get(kind) ?? 0) > 0 && isEligible(kind, request, plan)) {
          chosen.set(request.id, kind);
          left.set(kind, (left.get(kind) ?? 0) - 1);
          turn += tried + 1;
          return;
        }
      }
    });
  }
  return chosen;
}

/** Verified emails are unique in Concur; the demo's random ones are not, so shared ones stay off members. */
function emailPlan(requests: SeedRequest[]): Plan {
  const counts = new Map<string, number>();
  for (const email of requests.flatMap((request) => request.emails)) {
    counts.set(emailKey(email), (counts.get(emailKey(email)) ?? 0) + 1);
  }
  return { requests, uniqueEmails: (request) => request.emails.filter((email) => counts.get(emailKey(email)) === 1) };
}

/** Another last name for the same traveller: one that is not the same key. */
function otherLastName(lastName: string, seed: number): string {
  const others = LAST_NAMES.filter((name) => lastNameKey(name) !== lastNameKey(lastName));
  return others[seed % others.length] ?? 'Smith';
}

type MemberFields = Omit<DemoMember, 'member_id'>;

/** The member a request's traveller has in the demo directory, near miss applied; null for none. */
function memberFor(
  request: SeedRequest,
  index: number,
  kind: NearMissKind | undefined,
  plan: Plan,
): MemberFields | null {
  const emails = plan.uniqueEmails(request);
  const loyaltyNumber = request.loyaltyNumber ?? '';
  const exact: MemberFields = {
    first_name: request.firstName,
    middle_name: request.middleName ?? '',
    last_name: request.lastName,
    loyalty_number: loyaltyNumber,
    emails: emails.join(';'),
  };
  switch (kind) {
    case undefined:
      // Most requests of every status have their member; a few of the decided ones do not.
      return request.status === 'Pending' || index % 7 !== 3 ? exact : null;
    case 'nickname':
      return { ...exact, first_name: NICKNAMES[request.firstName] ?? request.firstName };
    case 'diacritics':
      return { ...exact, last_name: asciiFold(request.lastName) };
    case 'hyphenated':
      return { ...exact, last_name: respelled(request.lastName) };
    case 'digits-swapped':
      return { ...exact, loyalty_number: swapDigits(loyaltyNumber) ?? loyaltyNumber };
    case 'leading-zeros':
      return { ...exact, loyalty_number: loyaltyNumber.replace(/^0+/, '') };
    case 'email-of-other-member':
      // Someone else altogether, who has the traveller's address on file.
      return {
        first_name: pick(random(index), FIRST_NAMES),
        middle_name: '',
        last_name: otherLastName(request.lastName, index),
        loyalty_number: '',
        emails: emails[0] ?? '',
      };
    case 'number-under-other-name':
      // The traveller's account under a name they no longer use.
      return { ...exact, last_name: otherLastName(request.lastName, index), emails: '' };
    case 'no-member':
      return null;
  }
}

/** A few hundred members no demo request is about, with numbers and emails no request has. */
function unrelatedMembers(usedNumbers: Set<string>): MemberFields[] {
  const next = random(20261130);
  return Array.from({ length: UNRELATED_MEMBERS }, (_, n) => {
    const firstName = pick(next, FIRST_NAMES);
    const lastName = pick(next, LAST_NAMES);
    let loyaltyNumber = '';
    while (loyaltyNumber === '' || usedNumbers.has(loyaltyNumber)) {
      loyaltyNumber = String(between(next, 100_000_000, 9_999_999_999));
    }
    usedNumbers.add(loyaltyNumber);
    return {
      first_name: firstName,
      middle_name: next() < 0.2 ? pick(next, MIDDLE_NAMES) : '',
      last_name: lastName,
      loyalty_number: n % 10 === 9 ? '' : loyaltyNumber,
      emails: n % 4 === 0 ? '' : `${lastNameKey(firstName)}.${lastNameKey(lastName)}.${n + 1}@loyalty.example.com`,
    };
  });
}

export function generateDemoMembers(): { members: DemoMember[]; nearMisses: Map<string, NearMissKind> } {
  const plan = emailPlan(generateSeedRequests());
  const nearMisses = planNearMisses(plan);
  const forRequests = plan.requests.flatMap(
    (request, index) => memberFor(request, index, nearMisses.get(request.id), plan) ?? [],
  );
  const usedNumbers = new Set([
    ...plan.requests.flatMap((request) => request.loyaltyNumber ?? []),
    ...forRequests.map((member) => member.loyalty_number),
  ]);
  const members = [...forRequests, ...unrelatedMembers(usedNumbers)].map((fields, i) => ({
    member_id: `M${100001 + i}`,
    ...fields,
  }));
  return { members, nearMisses };
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function demoMembersCsv(members: readonly DemoMember[]): string {
  const rows = members.map((member) => memberCsvColumns.map((column) => csvField(member[column])).join(','));
  return `${[memberCsvColumns.join(','), ...rows].join('\n')}\n`;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { members, nearMisses } = generateDemoMembers();
  fs.writeFileSync(DEMO_MEMBERS_CSV, demoMembersCsv(members));
  process.stdout.write(
    `Wrote ${members.length} members (${nearMisses.size} near misses) to ${path.relative(process.cwd(), DEMO_MEMBERS_CSV)}.\n`,
  );
}
