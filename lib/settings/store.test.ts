import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import type { Env } from '@/lib/env';
import { isTwoFactorRequired, setTwoFactorRequired } from './store';

type Backend = { name: string; config: () => Promise<Env['database']>; cleanup: () => Promise<void> };

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-settings-'));
const postgresUrl = inject('postgresUrl');
const databaseName = `connection_desk_settings_${process.pid}`;

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client(postgresUrl ?? '');
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const sqlite: Backend = {
  name: 'SQLite',
  config: async () => ({ kind: 'sqlite', file: path.join(tempDir, 'desk.sqlite') }),
  cleanup: async () => fs.rmSync(tempDir, { recursive: true, force: true }),
};

const postgres: Backend = {
  name: 'PostgreSQL',
  config: async () => {
    await onPostgres(`create database ${databaseName}`);
    const url = new URL(postgresUrl ?? '');
    url.pathname = `/${databaseName}`;
    return { kind: 'postgres', url: url.toString() };
  },
  cleanup: () => onPostgres(`drop database if exists ${databaseName}`),
};

describe.each([sqlite, ...(postgresUrl ? [postgres] : [])])('settings on $name', (backend) => {
  let db: Db;

  beforeAll(async () => {
    db = createDb(await backend.config());
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await backend.cleanup();
  });

  it('does not require two-factor sign-in until an admin says so', async () => {
    await expect(isTwoFactorRequired(db)).resolves.toBe(false);
  });

  it('stores the requirement and changes it again in place', async () => {
    await setTwoFactorRequired(db, true);
    await expect(isTwoFactorRequired(db)).resolves.toBe(true);
    await setTwoFactorRequired(db, false);
    await expect(isTwoFactorRequired(db)).resolves.toBe(false);
    await setTwoFactorRequired(db, true);
    const rows = await db.selectFrom('app_setting').selectAll().execute();
    expect(rows).toEqual([{ key: 'auth.require-two-factor', value: 'true' }]);
  });
});
