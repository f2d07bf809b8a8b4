import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db, migrateToLatest } from '@/lib/db';

/**
 * The real databases a data-layer test runs on: a fresh SQLite file, and a fresh database on
 * the test PostgreSQL server when there is one (see global-setup.ts). Each opens migrated.
 */
export type TestDatabase = {
  name: string;
  open: () => Promise<Db>;
  close: (db: Db) => Promise<void>;
  /** PostgreSQL only: another pool on the opened database, as a second instance would have. */
  openAnotherInstance?: () => Db;
};

async function onPostgres(url: string, statement: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function testDatabases(label: string): TestDatabase[] {
  const postgresUrl = inject('postgresUrl');
  const sqlite: TestDatabase = {
    name: 'SQLite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `connection-desk-${label}-`));
      const db = createDb({ kind: 'sqlite', file: path.join(dir, 'nested', 'desk.sqlite') });
      await migrateToLatest(db);
      return db;
    },
    close: (db) => db.destroy(),
  };
  if (!postgresUrl) return [sqlite];
  const databaseName = `connection_desk_${label.replace(/\W/g, '_')}_${process.pid}`;
  const url = new URL(postgresUrl);
  url.pathname = `/${databaseName}`;
  const postgres: TestDatabase = {
    name: 'PostgreSQL',
    openAnotherInstance: () => createDb({ kind: 'postgres', url: url.toString() }),
    open: async () => {
      await onPostgres(postgresUrl, `create database ${databaseName}`);
      const db = createDb({ kind: 'postgres', url: url.toString() });
      await migrateToLatest(db);
      return db;
    },
    close: async (db) => {
      await db.destroy();
      await onPostgres(postgresUrl, `drop database if exists ${databaseName}`);
    },
  };
  return [sqlite, postgres];
}
