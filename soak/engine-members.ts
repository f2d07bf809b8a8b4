import fs from 'node:fs';
import type { ConnectionRequest } from '@/lib/concur/model';
import { memberCsvColumns } from '@/lib/members/import-schema';
import { emailKey, lastNameKey, loyaltyNumberKey } from '@/lib/members/normalise';
import { FIRST_NAMES, LAST_NAMES } from '@/sandbox/names';
import { pick, random } from '@/sandbox/random';
import { generateBacklog, type SeedRequest } from '@/sandbox/seed';
import { type NearMissKind, planNearMisses } from '@/scripts/generate-demo-members';
import { memberIdFor } from './prepare';

/**
 * The engine phase's member directory: the demo's mix at the backlog's size. The backlog is the
 * sandbox's own generator run again (same seed, so the same travellers as `reset({ backlog })`),
 * cut into slices the size of the demo's Pending queue, and each slice gets the demo's plan of
 * near misses (planNearMisses); every other request gets its exact member. What the matcher
 * must then do is known before it starts: connect the exact matches that have a loyalty number,
 * and leave every near miss to a person.
 */

/** The demo's Pending queue: planNearMisses plans its near misses for this many requests. */
const DEMO_PENDING = 130;

/*
 * The near-miss spellings below are scripts/generate-demo-members.ts's, which keeps them to
 * itself (only nearMissKinds and planNearMisses are exported): the same rules, so a request
 * that plan chose for a kind gets the member that kind means.
 */
const NICKNAMES: Record<string, string> = {
  Robert: 'Bob',
  Bob: 'Robert',
  Margaret: 'Peggy',
  Peggy: 'Margaret',
  'Mary-Kate': 'Mary',
  'Jean-Luc': 'Jean',
};
const UNFOLDED: Record<string, string> = { ø: 'o', Ø: 'O', þ: 'th', Þ: 'Th', ł: 'l', Ł: 'L', ß: 'ss', đ: 'd', Đ: 'D' };

function asciiFold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØþÞłŁßđĐ]/g, (letter) => UNFOLDED[letter] ?? letter);
}

function respelled(lastName: string): string {
  const folded = asciiFold(lastName).replace(/-/g, ' ').replace(/['’.]/g, '');
  return folded.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

function swapDigits(loyaltyNumber: string): string {
  const chars = [...loyaltyNumber];
  for (let i = chars.length - 2; i >= 1; i -= 1) {
    const [a, b] = [chars[i], chars[i + 1]];
    if (a !== undefined && b !== undefined && a !== b) {
      chars.splice(i, 2, b, a);
      return chars.join('');
    }
  }
  return loyaltyNumber;
}

function otherLastName(lastName: string, seed: number): string {
  const others = LAST_NAMES.filter((name) => lastNameKey(name) !== lastNameKey(lastName));
  return others[seed % others.length] ?? 'Smith';
}

type MemberRow = Record<(typeof memberCsvColumns)[number], string>;

export type EngineMembers = {
  /** Request id → the near miss its member was given. */
  nearMisses: Map<string, NearMissKind>;
  /** Requests a rule must connect: an exact member with the same last name and loyalty number. */
  expectedConnects: Set<string>;
  members: number;
};

function memberFor(request: SeedRequest, index: number, kind: NearMissKind | undefined, emails: string[]) {
  const exact: MemberRow = {
    member_id: memberIdFor(request.id),
    first_name: request.firstName,
    middle_name: request.middleName ?? '',
    last_name: request.lastName,
    loyalty_number: request.loyaltyNumber ?? '',
    emails: emails.join(';'),
  };
  switch (kind) {
    case undefined:
      return exact;
    case 'nickname':
      return { ...exact, first_name: NICKNAMES[request.firstName] ?? request.firstName };
    case 'diacritics':
      return { ...exact, last_name: asciiFold(request.lastName) };
    case 'hyphenated':
      return { ...exact, last_name: respelled(request.lastName) };
    case 'digits-swapped':
      return { ...exact, loyalty_number: swapDigits(exact.loyalty_number) };
    case 'leading-zeros':
      return { ...exact, loyalty_number: exact.loyalty_number.replace(/^0+/, '') };
    case 'email-of-other-member':
      return {
        ...exact,
        first_name: pick(random(index), FIRST_NAMES),
        middle_name: '',
        last_name: otherLastName(request.lastName, index),
        loyalty_number: '',
        emails: emails[0] ?? '',
      };
    case 'number-under-other-name':
      return { ...exact, last_name: otherLastName(request.lastName, index), emails: '' };
    case 'no-member':
      return null;
  }
}

/** The generator's travellers must be the ones the sandbox lists, or every expectation below is wrong. */
function checkSameBacklog(generated: SeedRequest[], listed: ConnectionRequest[]): void {
  const byId = new Map(listed.map((request) => [request.id, request]));
  const differs = generated.filter((request) => {
    const seen = byId.get(request.id);
    return !seen || seen.lastName !== request.lastName || seen.loyaltyNumber !== request.loyaltyNumber;
  });
  if (differs.length > 0 || generated.length !== listed.length) {
    throw new Error(
      `the backlog generator no longer gives the travellers the sandbox lists (${differs.length} of ${generated.length} differ)`,
    );
  }
}

const csvField = (value: string) => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Writes the members CSV for the listed backlog; what the matcher should make of each request. */
export function writeEngineMembers(listed: ConnectionRequest[], csvFile: string): EngineMembers {
  const requests = generateBacklog(listed.length, new Date());
  checkSameBacklog(requests, listed);
  // Verified emails are unique in Concur; the generator's are not, so shared ones stay off members.
  const uses = new Map<string, number>();
  for (const email of requests.flatMap((request) => request.emails)) {
    uses.set(emailKey(email), (uses.get(emailKey(email)) ?? 0) + 1);
  }
  const uniqueEmails = (request: SeedRequest) => request.emails.filter((email) => uses.get(emailKey(email)) === 1);
  const slices = Math.ceil(requests.length / DEMO_PENDING);
  const size = Math.ceil(requests.length / slices);
  const nearMisses = new Map<string, NearMissKind>();
  for (let start = 0; start < requests.length; start += size) {
    const slice = requests.slice(start, start + size);
    for (const [id, kind] of planNearMisses({ requests: slice, uniqueEmails })) nearMisses.set(id, kind);
  }
  const rows = requests.flatMap((request, index) => {
    const member = memberFor(request, index, nearMisses.get(request.id), uniqueEmails(request));
    return member ? [member] : [];
  });
  const lines = [
    memberCsvColumns.join(','),
    ...rows.map((row) => memberCsvColumns.map((c) => csvField(row[c])).join(',')),
  ];
  fs.writeFileSync(csvFile, `${lines.join('\n')}\n`);
  const expectedConnects = new Set(
    requests
      .filter((request) => !nearMisses.has(request.id) && loyaltyNumberKey(request.loyaltyNumber) !== null)
      .map((request) => request.id),
  );
  return { nearMisses, expectedConnects, members: rows.length };
}
