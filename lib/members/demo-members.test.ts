import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import { generateSeedRequests } from '@/sandbox/seed';
import { demoMembersCsv, generateDemoMembers, type NearMissKind, nearMissKinds } from '@/scripts/generate-demo-members';
import { DEMO_MEMBERS_CSV, seedDemoMembersIfEmpty } from './demo';
import { createDbMemberDirectory } from './directory';
import { type Candidate, type Suggestion, suggestOutcome } from './match';

// The marker throws outside a React server bundle; findCandidates is plain server code.
vi.mock('server-only', () => ({}));
const { findCandidates } = await import('./candidates');

const punctuation = (name: string) => name.replace(/[\p{L}\p{N}]/gu, '');

/** The near misses a request's candidates show, read from the ranking as a person would read it. */
function observedKinds(candidates: Candidate[], suggestion: Suggestion): Set<NearMissKind> {
  const kinds = new Set<NearMissKind>();
  const [top] = candidates;
  const row = (candidate: Candidate, field: string) => candidate.comparison.find((r) => r.field === field);
  if (top?.keys.lastName && top.keys.loyaltyNumber && row(top, 'firstName')?.verdict === 'differs')
    kinds.add('nickname');
  for (const candidate of candidates) {
    const lastName = row(candidate, 'lastName');
    if (lastName?.hint === 'written-differently' && lastName.request && lastName.member) {
      const isRespelled =
        punctuation(lastName.request) !== punctuation(lastName.member) ||
        lastName.request.toLowerCase() === lastName.member.toLowerCase();
      kinds.add(isRespelled ? 'hyphenated' : 'diacritics');
    }
    const loyaltyHint = row(candidate, 'loyaltyNumber')?.hint;
    if (loyaltyHint === 'digits-swapped' || loyaltyHint === 'leading-zeros') kinds.add(loyaltyHint);
    if (candidate.label === 'EMAIL only: last name differs') kinds.add('email-of-other-member');
    if (candidate.label === 'LOYALTY only: last name differs') kinds.add('number-under-other-name');
  }
  if (suggestion.outcome === 'CREU1') kinds.add('no-member');
  return kinds;
}

describe('demo members', () => {
  const { members, nearMisses } = generateDemoMembers();
  let db: Db;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-demo-members-'));
    db = createDb({ kind: 'sqlite', file: path.join(dir, 'desk.sqlite') });
    await migrateToLatest(db);
  });
  afterAll(() => db.destroy());

  it('are committed exactly as the generator makes them (run scripts/generate-demo-members.ts if not)', () => {
    expect(fs.readFileSync(DEMO_MEMBERS_CSV, 'utf8')).toBe(demoMembersCsv(members));
  });

  it('have unique ids and loyalty numbers, so a number names one member', () => {
    const numbers = members.map((m) => m.loyalty_number).filter(Boolean);
    expect(new Set(members.map((m) => m.member_id)).size).toBe(members.length);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('load once into an empty directory, and never over members already there', async () => {
    expect(await seedDemoMembersIfEmpty(db)).toMatchObject({ ok: true, added: members.length });
    expect(await seedDemoMembersIfEmpty(db)).toBeNull();
  });

  it('give the Pending requests every kind of near miss, each where it was planned, and mostly matches', async () => {
    const directory = createDbMemberDirectory(db);
    const pending = generateSeedRequests().filter((request) => request.status === 'Pending');
    const seen = new Set<NearMissKind>();
    let connectable = 0;
    for (const request of pending) {
      const candidates = await findCandidates(directory, request);
      const suggestion = suggestOutcome(candidates, request);
      const kinds = observedKinds(candidates, suggestion);
      const planned = nearMisses.get(request.id);
      if (planned) expect([request.id, kinds.has(planned)]).toEqual([request.id, true]);
      for (const kind of kinds) seen.add(kind);
      if (suggestion.outcome === 'CRSUC') connectable += 1;
    }
    expect([...seen].sort()).toEqual([...nearMissKinds].sort());
    expect(connectable / pending.length).toBeGreaterThan(0.6);
  });
});
