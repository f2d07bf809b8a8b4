import path from 'node:path';
import type { Db } from '@/lib/db';
import { findCandidates } from '@/lib/members/candidates';
import { createDbMemberDirectory, type MemberDirectory } from '@/lib/members/directory';
import type { MatchRequest } from '@/lib/members/match';
import { freshDb, removeDb, writeGeneratedMembers } from './lib/member-db';
import { COMMONEST_LAST_NAME, memberAt, randomSource } from './lib/members-data';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { since, summarize } from './lib/stats';
import { reportSection } from './lib/worker';

/**
 * 5b. Depth of the member directory: candidate lookups (findCandidates over the embedded
 * SQLite directory, as the detail page runs them) with 1,000,000 members, against the same
 * lookups with 10,000. Run by run.ts as a child process with the react-server condition,
 * because lib/members/candidates.ts is marked server-only.
 */

const SMALL = 10_000;
const LARGE = 1_000_000;
const DIR = path.join('data', 'bench');

type Kind = 'loyaltyNumber' | 'email' | 'lastNameOnly' | 'commonestLastName';
const kinds: { kind: Kind; label: string; rounds: number }[] = [
  { kind: 'loyaltyNumber', label: 'by last name + loyalty number', rounds: 300 },
  { kind: 'email', label: 'by last name + email', rounds: 300 },
  { kind: 'lastNameOnly', label: 'by last name only', rounds: 300 },
  { kind: 'commonestLastName', label: 'by the commonest last name only', rounds: 40 },
];

/** A request that finds member `index` by one key; null when that member lacks the key. */
function requestFor(kind: Kind, index: number): MatchRequest | null {
  const member = memberAt(index);
  const request = { firstName: member.firstName, middleName: null, lastName: member.lastName };
  if (kind === 'commonestLastName')
    return { ...request, lastName: COMMONEST_LAST_NAME, loyaltyNumber: null, emails: [] };
  if (kind === 'loyaltyNumber') {
    return member.loyaltyNumber ? { ...request, loyaltyNumber: member.loyaltyNumber, emails: [] } : null;
  }
  if (kind === 'email') {
    const [first] = member.emails;
    return first ? { ...request, loyaltyNumber: null, emails: [first.email] } : null;
  }
  return { ...request, loyaltyNumber: null, emails: [] };
}

function lookupProbe(directory: MemberDirectory, size: number, kind: Kind, random: () => number) {
  return async () => {
    let index = Math.floor(random() * size);
    let request = requestFor(kind, index);
    while (!request) {
      index = Math.floor(random() * size);
      request = requestFor(kind, index);
    }
    const started = performance.now();
    const candidates = await findCandidates(directory, request);
    const ms = since(started);
    const memberId = memberAt(index).id;
    const isByKey = kind === 'loyaltyNumber' || kind === 'email';
    if (isByKey && !candidates.some((candidate) => candidate.member.id === memberId)) {
      throw new Error(`a ${kind} lookup did not find member ${memberId}`);
    }
    if (candidates.length === 0) throw new Error(`a ${kind} lookup found no candidate`);
    return ms;
  };
}

const directoryFile = (size: number) => path.join(DIR, `members-${size}.sqlite`);

async function directoryOf(size: number): Promise<{ db: Db; buildSeconds: number }> {
  const db = await freshDb(directoryFile(size));
  const started = performance.now();
  await writeGeneratedMembers(db, 0, size, (done) => {
    if (done % 200_000 === 0) process.stderr.write(`  members written: ${done.toLocaleString('en')}\n`);
  });
  return { db, buildSeconds: since(started) / 1000 };
}

async function main(): Promise<void> {
  const small = await directoryOf(SMALL);
  const large = await directoryOf(LARGE);
  try {
    const random = randomSource(20_261_127);
    const rows: Section['rows'] = [];
    const data: Record<string, unknown> = { members: { small: SMALL, large: LARGE }, buildSeconds: large.buildSeconds };
    for (const { kind, label, rounds } of kinds) {
      const samples = await sampleInTurns(
        {
          small: lookupProbe(createDbMemberDirectory(small.db), SMALL, kind, random),
          large: lookupProbe(createDbMemberDirectory(large.db), LARGE, kind, random),
        },
        { warmup: 5, rounds },
      );
      const stats = { small: summarize(samples.small), large: summarize(samples.large) };
      data[kind] = stats;
      rows.push(
        {
          label: `candidates ${label}, p50`,
          baseline: stats.small.p50,
          figure: stats.large.p50,
          unit: 'ms',
        },
        {
          label: `candidates ${label}, p95`,
          baseline: stats.small.p95,
          figure: stats.large.p95,
          unit: 'ms',
        },
      );
    }
    reportSection({
      id: 'depth-members',
      title: `5b. Depth: candidate lookup with ${LARGE.toLocaleString('en')} members (SQLite)`,
      baseline: `the same lookups with ${SMALL.toLocaleString('en')} members`,
      rows,
      notes: [
        'last names Zipf-distributed over 30,000 (the commonest about 1.4% of members); requests drawn at random',
        `writing the ${LARGE.toLocaleString('en')} members took ${large.buildSeconds.toFixed(0)} s`,
      ],
      data,
    });
  } finally {
    await small.db.destroy();
    await large.db.destroy();
    // A third of a gigabyte that no later step reads.
    removeDb(directoryFile(SMALL));
    removeDb(directoryFile(LARGE));
  }
}

await main();
