import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, recordAuditEvent } from '@/lib/audit/store';
import { createDb, type Db, migrateToLatest, pingDb } from '@/lib/db';
import { testDatabases } from './support/databases';

describe.each(testDatabases('db'))('data layer on $name', (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => database.close(db));

  it('applies the migrations once and again without harm', async () => {
    await migrateToLatest(db);
    await expect(pingDb(db)).resolves.toBeUndefined();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('audit_event');
  });

  it('records audit events and reads them back newest first, by subject', async () => {
    await recordAuditEvent(
      db,
      { actor: 'staff-1', action: 'request.viewed', subjectType: 'request', subjectId: 'r-1' },
      new Date('2026-01-01T10:00:00Z'),
    );
    await recordAuditEvent(
      db,
      {
        actor: 'staff-2',
        action: 'decision.recorded',
        subjectType: 'request',
        subjectId: 'r-1',
        detail: { outcome: 'CRSUC' },
      },
      new Date('2026-01-01T11:00:00Z'),
    );
    await recordAuditEvent(db, { actor: null, action: 'members.imported' }, new Date('2026-01-01T12:00:00Z'));

    const forRequest = await listAuditEvents(db, { subjectType: 'request', subjectId: 'r-1' });
    expect(forRequest.map((e) => [e.action, e.actor, e.detail])).toEqual([
      ['decision.recorded', 'staff-2', { outcome: 'CRSUC' }],
      ['request.viewed', 'staff-1', {}],
    ]);
    expect(await listAuditEvents(db, { limit: 1 })).toMatchObject([
      { action: 'members.imported', occurredAt: '2026-01-01T12:00:00.000Z' },
    ]);
  });

  it('refuses an audit event with no action, and stores nothing', async () => {
    const before = (await listAuditEvents(db)).length;
    // @ts-expect-error: the type already refuses it; the check at recording time refuses it too.
    await expect(recordAuditEvent(db, { actor: 'staff-1', action: '' })).rejects.toThrow();
    expect(await listAuditEvents(db)).toHaveLength(before);
  });

  it('refuses an action the catalogue does not name, and stores nothing', async () => {
    const before = (await listAuditEvents(db)).length;
    const action: string = 'request.decided';
    await expect(recordAuditEvent(db, { actor: 'staff-1', action: action as 'request.viewed' })).rejects.toThrow(
      /audit catalogue/,
    );
    expect(await listAuditEvents(db)).toHaveLength(before);
  });
});

describe('SQLite file', () => {
  it('is created on first use, in WAL mode', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-wal-')), 'data', 'desk.sqlite');
    const db = createDb({ kind: 'sqlite', file });
    await migrateToLatest(db);
    await db.destroy();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file).readUInt8(18)).toBe(2); // file format write version 2 = WAL
  });
});
