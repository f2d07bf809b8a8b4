import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAuditEvents, recordAuditEvent } from '@/lib/audit/store';
import { createDb, type Db, migrateToLatest, pingDb } from '@/lib/db';
import type { Env } from '@/lib/env';

type Backend = { name: string; config: () => Promise<Env['database']>; cleanup: () => Promise<void> };

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-db-'));
const postgresUrl = inject('postgresUrl');
const databaseName = `connection_desk_test_${process.pid}`;

const sqlite: Backend = {
  name: 'SQLite',
  config: async () => ({ kind: 'sqlite', file: path.join(tempDir, 'nested', 'desk.sqlite') }),
  cleanup: async () => fs.rmSync(tempDir, { recursive: true, force: true }),
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client(postgresUrl ?? '');
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'PostgreSQL',
  config: async () => {
    await admin(`create database ${databaseName}`);
    const url = new URL(postgresUrl ?? '');
    url.pathname = `/${databaseName}`;
    return { kind: 'postgres', url: url.toString() };
  },
  cleanup: () => admin(`drop database if exists ${databaseName}`),
};

describe.each([sqlite, ...(postgresUrl ? [postgres] : [])])('data layer on $name', (backend) => {
  let db: Db;

  beforeAll(async () => {
    db = createDb(await backend.config());
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await backend.cleanup();
  });

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
        action: 'request.decided',
        subjectType: 'request',
        subjectId: 'r-1',
        detail: { outcome: 'CRSUC' },
      },
      new Date('2026-01-01T11:00:00Z'),
    );
    await recordAuditEvent(db, { actor: null, action: 'system.started' }, new Date('2026-01-01T12:00:00Z'));

    const forRequest = await listAuditEvents(db, { subjectType: 'request', subjectId: 'r-1' });
    expect(forRequest.map((e) => [e.action, e.actor, e.detail])).toEqual([
      ['request.decided', 'staff-2', { outcome: 'CRSUC' }],
      ['request.viewed', 'staff-1', {}],
    ]);
    expect(await listAuditEvents(db, { limit: 1 })).toMatchObject([
      { action: 'system.started', occurredAt: '2026-01-01T12:00:00.000Z' },
    ]);
  });

  it('refuses an audit event with no action, and stores nothing', async () => {
    const before = (await listAuditEvents(db)).length;
    await expect(recordAuditEvent(db, { actor: 'staff-1', action: '' })).rejects.toThrow();
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
