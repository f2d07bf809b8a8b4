import { Readable } from 'node:stream';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { log } from '@/lib/log';
import { createDbMemberDirectory, LOOKUP_LIMIT, type MemberDirectory } from '@/lib/members/directory';
import { importMembersCsv } from '@/lib/members/import';
import { testDatabases } from './support/databases';

// The marker throws outside a React server bundle; what is under test is plain server code.
vi.mock('server-only', () => ({}));
const { candidateViewsFor, findCandidates, fullMatchesFor, isFullMatch } = await import('@/lib/members/candidates');

/** Counts the statements sent, to prove lookups are a fixed number of queries, never one per member. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const header = 'member_id,first_name,middle_name,last_name,loyalty_number,emails';
const namesakes = Array.from({ length: LOOKUP_LIMIT + 10 }, (_, i) => `S${String(i).padStart(3, '0')},Ann,,Smith,,`);
const csv = [
  header,
  'M1,Robert,J.,García-López,0012345678,robert.garcia@example.com;Rob@Work.example.org',
  'M2,Zoë,,Müller,12345678,zoe@example.de',
  'M3,Peggy,,Ng,0012345678,',
  "M4,Siobhán,,O'Brien,,shared@example.com",
  'M5,Åsa,,Ström,555,shared@example.com',
  ...namesakes,
].join('\n');

const request = (fields: Partial<ConnectionRequest> = {}): ConnectionRequest => ({
  id: 'r-1',
  firstName: 'Bob',
  middleName: null,
  lastName: 'Garcia Lopez',
  loyaltyNumber: '0012345678',
  status: 'Pending',
  reportedCode: null,
  requestToken: 'secret-token',
  lastModified: '2026-11-27T09:00:00',
  emails: [],
  userId: null,
  ...fields,
});

describe.each(testDatabases('members-directory'))('member directory on $name', (database) => {
  let db: Db;
  let directory: MemberDirectory;
  const counter = new QueryCounter();

  beforeAll(async () => {
    db = await database.open();
    const result = await importMembersCsv(db, Readable.from([csv]));
    expect(result).toMatchObject({ ok: true, added: 5 + namesakes.length });
    directory = createDbMemberDirectory(db.withPlugin(counter));
  });
  afterAll(() => database.close(db));

  async function counted<T>(lookup: () => Promise<T>): Promise<{ value: T; queries: number }> {
    const before = counter.count;
    const value = await lookup();
    return { value, queries: counter.count - before };
  }

  it('finds by loyalty number as exact trimmed text: leading zeros count', async () => {
    const { value, queries } = await counted(() => directory.byLoyaltyNumber(' 0012345678 '));
    expect(value.map((m) => m.id)).toEqual(['M1', 'M3']);
    expect(queries).toBe(2);
    expect((await directory.byLoyaltyNumber('12345678')).map((m) => m.id)).toEqual(['M2']);
    expect(await directory.byLoyaltyNumber('')).toEqual([]);
  });

  it('finds by emails without case, each member once, with all their emails', async () => {
    const found = await directory.byEmails(['ROBERT.GARCIA@example.com', 'rob@work.example.org', 'shared@example.com']);
    expect(found.map((m) => m.id)).toEqual(['M1', 'M4', 'M5']);
    expect(found[0]?.emails).toEqual(['Rob@Work.example.org', 'robert.garcia@example.com']);
  });

  it('finds by last name through accents, hyphens and spacing, bounded, in two queries', async () => {
    expect((await directory.byLastName('garcia lopez')).map((m) => m.id)).toEqual(['M1']);
    expect((await directory.byLastName('OBrien')).map((m) => m.id)).toEqual(['M4']);
    const { value, queries } = await counted(() => directory.byLastName('SMITH'));
    expect(value).toHaveLength(LOOKUP_LIMIT);
    expect(queries).toBe(2);
  });

  it('gets one member by id, or null', async () => {
    expect(await directory.get('M2')).toEqual({
      id: 'M2',
      firstName: 'Zoë',
      middleName: null,
      lastName: 'Müller',
      loyaltyNumber: '12345678',
      emails: ['zoe@example.de'],
    });
    expect(await directory.get('nobody')).toBeNull();
  });

  it('ranks candidates: the nickname full match first, the number under another name after it', async () => {
    const candidates = await findCandidates(directory, request({ emails: ['shared@example.com'] }));
    expect(candidates.map((c) => `${c.member.id} ${c.label}`)).toEqual([
      'M1 +LAST +LOYALTY',
      'M3 LOYALTY only: last name differs',
      'M4 EMAIL only: last name differs',
      'M5 EMAIL only: last name differs',
    ]);
  });

  it('looks for namesakes only when no key found someone with the last name', async () => {
    const withKeys = await findCandidates(directory, request({ lastName: 'Smith', loyaltyNumber: '555' }));
    expect(withKeys[0]?.label).toBe('LOYALTY only: last name differs');
    expect(withKeys.filter((c) => c.label === '+LAST only')).toHaveLength(LOOKUP_LIMIT);
    const found = await findCandidates(directory, request());
    expect(found.some((c) => c.label === '+LAST only')).toBe(false);
  });

  it('gives the detail page masked candidates and a suggestion', async () => {
    const result = await candidateViewsFor(request({ emails: ['robert.garcia@example.com'] }), directory);
    if (!result.ok) throw new Error('lookup failed');
    expect(result.suggestion).toMatchObject({ outcome: 'CRSUC', memberId: 'M1' });
    const [top] = result.candidates;
    expect(top).toMatchObject({ memberId: 'M1', lastName: 'García-López', maskedLoyaltyNumber: '•••5678' });
    expect(top?.comparison.find((row) => row.field === 'email')).toMatchObject({
      request: 'r•••@e•••.com',
      verdict: 'same',
    });
    const shown = JSON.stringify(result);
    for (const secret of ['0012345678', 'robert.garcia@example.com', 'rob@work', 'secret-token']) {
      expect(shown.toLowerCase()).not.toContain(secret);
    }
  });

  it('tells "no candidate" (CREU1) from "the lookup failed", and logs the failure without personal data', async () => {
    const none = await candidateViewsFor(
      request({ lastName: 'Nobody', loyaltyNumber: '999', emails: ['x@example.net'] }),
      directory,
    );
    expect(none).toMatchObject({ ok: true, candidates: [], suggestion: { outcome: 'CREU1' } });

    // A database that has gone away: opened, then closed under the directory.
    const other = testDatabases('members-gone').find((candidate) => candidate.name === database.name);
    if (!other) throw new Error(`no second ${database.name} database`);
    const broken = await other.open();
    await other.close(broken);
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const failed = await candidateViewsFor(
      request({ emails: ['robert.garcia@example.com'] }),
      createDbMemberDirectory(broken),
    );
    expect(failed).toMatchObject({ ok: false, reason: 'lookup-failed', message: expect.stringContaining('Try again') });
    expect(logged).toHaveBeenCalledOnce();
    const entry = JSON.stringify(logged.mock.calls);
    for (const personal of ['Garcia', '0012345678', 'robert.garcia']) expect(entry).not.toContain(personal);
    logged.mockRestore();
  });

  it('finds full matches for a whole page in one lookup, and checks one again before a bulk connect', async () => {
    const page = [
      request({ id: 'a' }),
      request({ id: 'b', lastName: 'Muller', loyaltyNumber: '12345678' }),
      request({ id: 'c', lastName: 'Muller', loyaltyNumber: '012345678' }),
      request({ id: 'd', loyaltyNumber: null, emails: ['robert.garcia@example.com'] }),
      request({ id: 'e', lastName: 'Ng' }),
    ];
    const { value, queries } = await counted(() => fullMatchesFor(page, directory));
    expect(value).toEqual(
      new Map([
        ['a', 'M1'],
        ['b', 'M2'],
        ['e', 'M3'],
      ]),
    );
    expect(queries).toBe(2);
    expect(await isFullMatch(directory, request(), 'M1')).toBe(true);
    expect(await isFullMatch(directory, request(), 'M3')).toBe(false);
    expect(await isFullMatch(directory, request({ loyaltyNumber: '0012345679' }), 'M1')).toBe(false);
  });
});
