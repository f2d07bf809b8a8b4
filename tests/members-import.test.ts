import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/store';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import { createDbMemberDirectory } from '@/lib/members/directory';
import { type ImportProgress, importMembersCsv } from '@/lib/members/import';
import { testDatabases } from './support/databases';

const header = 'member_id,first_name,middle_name,last_name,loyalty_number,emails';
const csv = (...rows: string[]) => Readable.from([[header, ...rows].join('\n')]);

/** Rows for the volume run; MEMBERS_IMPORT_ROWS=100000 measures the full size outside the suite. */
const VOLUME_ROWS = Number(process.env.MEMBERS_IMPORT_ROWS ?? 10_000);

function volumeCsv(rows: number, round: number): string {
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `V${String(i).padStart(7, '0')},Zoë,,García-López ${i % 500},00${i + round},v${i}@example.com;w${i}@example.org`,
  );
  return [header, ...lines].join('\n');
}

async function memberCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

describe.each(testDatabases('members-import'))('member CSV import on $name', (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => database.close(db));

  it('adds members with their lookup keys, and reports progress up to the total', async () => {
    const progress: ImportProgress[] = [];
    const result = await importMembersCsv(
      db,
      csv(
        'M1,Zoë,Anne,García-López,0012345,zoe@example.com; Zoe@Example.com ;z@work.example.org',
        "M2,Bob,,O'Brien,,",
        'M3, Åsa ,,Ström,  98765  ,asa@exämple.de',
      ),
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toEqual({ ok: true, added: 3, updated: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ phase: 'writing', done: 3, total: 3 });
    const directory = createDbMemberDirectory(db);
    expect(await directory.get('M1')).toMatchObject({ middleName: 'Anne', loyaltyNumber: '0012345' });
    expect((await directory.get('M1'))?.emails).toHaveLength(2);
    expect(await directory.get('M3')).toMatchObject({
      firstName: 'Åsa',
      loyaltyNumber: '98765',
      emails: ['asa@exämple.de'],
    });
    const keys = await db.selectFrom('member').select(['id', 'last_name_key']).orderBy('id').execute();
    expect(keys.map((k) => k.last_name_key)).toEqual(['garcialopez', 'obrien', 'strom']);
  });

  it('updates existing members, replaces their emails, and leaves members not in the file alone', async () => {
    const result = await importMembersCsv(
      db,
      csv('M1,Zoë,,García López,0012345,zoe.new@example.com', 'M4,Ines,,Ng,4,'),
    );
    expect(result).toEqual({ ok: true, added: 1, updated: 1, total: 2 });
    const directory = createDbMemberDirectory(db);
    expect(await directory.get('M1')).toMatchObject({
      middleName: null,
      lastName: 'García López',
      emails: ['zoe.new@example.com'],
    });
    expect(await directory.byEmails(['zoe@example.com'])).toEqual([]);
    expect(await directory.get('M2')).not.toBeNull();
    expect(await memberCount(db)).toBe(4);
  });

  it('applies nothing from a file with bad rows, and names each line and field', async () => {
    const result = await importMembersCsv(
      db,
      csv(
        'M5,New,,Member,5,new@example.com',
        'M6,,,Lefèvre,6,not-an-email',
        'M7,Ann,,Smith,12 34,ann@example.com;ann@',
        'M8,Too,,Few',
        "M9,Ann,,' - ,9,",
        'M10,Fine,,Row,10,',
      ),
    );
    expect(result).toEqual({
      ok: false,
      badRowCount: 4,
      problems: [
        { line: 3, field: 'first_name', message: 'is required' },
        { line: 3, field: 'emails', message: 'address 1 is not an email address' },
        { line: 4, field: 'loyalty_number', message: 'may not contain spaces or control characters' },
        { line: 4, field: 'emails', message: 'address 2 is not an email address' },
        { line: 5, field: null, message: 'has 4 fields; expected 6' },
        { line: 6, field: 'last_name', message: 'needs at least one letter or digit' },
      ],
    });
    expect(await createDbMemberDirectory(db).get('M5')).toBeNull();
    expect(await memberCount(db)).toBe(4);
  });

  it('refuses a member id that appears twice, and a wrong header', async () => {
    const twice = await importMembersCsv(db, csv('M20,A,,B,,', 'M21,C,,D,,', ' M20 ,E,,F,,'));
    expect(twice).toMatchObject({
      ok: false,
      problems: [{ line: 4, field: 'member_id', message: 'repeats the member id of line 2' }],
    });
    const wrongHeader = await importMembersCsv(db, Readable.from(['id,first_name,last_name\nM30,A,B\n']));
    expect(wrongHeader).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringContaining('member_id') }],
    });
    expect(await importMembersCsv(db, Readable.from(['']))).toMatchObject({ ok: false, problems: [{ line: null }] });
    expect(await memberCount(db)).toBe(4);
  });

  it('counts lines as an editor does, with Windows line endings and a line break inside a quoted field', async () => {
    const text = `\ufeff${header}\r\nM40,"Anne\r\nMarie",,Lee,40,\r\n\r\nM41,Bad,,Row,41,nope\r\n`;
    expect(await importMembersCsv(db, Readable.from([text]))).toMatchObject({
      ok: false,
      problems: [
        { line: 2, field: 'first_name', message: 'may not contain line breaks or control characters' },
        { line: 5, field: 'emails' },
      ],
    });
  });

  it('refuses a file that is not UTF-8 instead of importing mangled names', async () => {
    const latin1 = Buffer.from(`${header}\nM50,Zoë,,Müller,50,\n`, 'latin1');
    const result = await importMembersCsv(db, Readable.from([latin1]));
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('UTF-8') }] });
  });

  it(`imports ${VOLUME_ROWS.toLocaleString('en')} members in one go, then updates them all`, {
    timeout: 30_000 + VOLUME_ROWS,
  }, async () => {
    const timings: string[] = [];
    for (const round of [0, 1]) {
      const started = performance.now();
      const result = await importMembersCsv(db, Readable.from([volumeCsv(VOLUME_ROWS, round)]));
      timings.push(`${round === 0 ? 'added' : 'updated'} in ${Math.round(performance.now() - started)} ms`);
      expect(result).toEqual(
        round === 0
          ? { ok: true, added: VOLUME_ROWS, updated: 0, total: VOLUME_ROWS }
          : { ok: true, added: 0, updated: VOLUME_ROWS, total: VOLUME_ROWS },
      );
    }
    process.stdout.write(`${database.name}: ${VOLUME_ROWS} members ${timings.join(', ')}\n`);
    const [last] = await createDbMemberDirectory(db).byLoyaltyNumber(`00${VOLUME_ROWS}`);
    expect(last).toMatchObject({ id: `V${String(VOLUME_ROWS - 1).padStart(7, '0')}`, emails: expect.any(Array) });
    expect(last?.emails).toHaveLength(2);
  });
});

describe('npm run members', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-members-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  function members(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/members.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, CONCUR_BASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  async function withDb<T>(body: (db: Db) => Promise<T>): Promise<T> {
    const db = createDb({ kind: 'sqlite', file: path.join(dataDir, 'connection-desk.sqlite') });
    await migrateToLatest(db);
    try {
      return await body(db);
    } finally {
      await db.destroy();
    }
  }

  it('imports a file, prints a summary and audits it; a bad file exits 1 with line numbers and changes nothing', async () => {
    const good = path.join(dataDir, 'good.csv');
    fs.writeFileSync(good, `${header}\nM1,Zoë,,Müller,0012,zoe@example.com\nM2,Bob,,Smith,,\n`);
    const imported = members('import', good);
    expect([imported.status, imported.stdout]).toEqual([0, 'Imported 2 members: 2 added, 0 updated.\n']);

    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, `${header}\nM3,Ann,,Lee,3,\nM1,Zoë,,,0012,zoe@\n`);
    const refused = members('import', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('nothing changed');
    expect(refused.stderr).toContain('line 3, last_name: is required');

    expect(members('import').status).toBe(1);
    expect(members('import', path.join(dataDir, 'missing.csv')).stderr).toContain('No such file');
    await withDb(async (db) => {
      expect(await memberCount(db)).toBe(2);
      const [event] = await listAuditEvents(db, { subjectType: 'member' });
      expect(event).toMatchObject({
        action: 'members.imported',
        detail: { added: 2, updated: 0, via: 'cli', source: 'import' },
      });
    });
  });

  it('loads the demo members for the sandbox, and refuses to next to a real Concur', async () => {
    const seeded = members('seed-demo');
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/^Imported \d+ members: \d+ added, 0 updated\.\n$/);
    const real = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/members.ts', 'seed-demo'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        CONCUR_BASE_URL: 'https://us.api.concursolutions.com',
        CONCUR_CLIENT_ID: 'id',
        CONCUR_CLIENT_SECRET: 'secret',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect([real.status, real.stderr]).toEqual([1, expect.stringContaining('real directory')]);
  });
});
