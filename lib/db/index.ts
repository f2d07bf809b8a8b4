import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ensurePrivateFile, tightenFileIfPresent } from '@/lib/data-dir';
import { type Env, getEnv } from '@/lib/env';
import { migrations } from './migrations';
import type { Database } from './types';

export type { Database } from './types';
export type Db = Kysely<Database>;

/**
 * Which engine each Db (and its transactions) runs on, by its adapter. Kept on globalThis, not
 * told by `instanceof`: Next bundles Kysely into several server chunks, and a Db that one chunk
 * (or scripts/serve.ts) created reaches code compiled against another copy of its classes.
 */
const globalForKinds = globalThis as unknown as { connectionDeskDbKinds?: WeakMap<object, 'postgres' | 'sqlite'> };
globalForKinds.connectionDeskDbKinds ??= new WeakMap();
const dbKinds = globalForKinds.connectionDeskDbKinds;

export function createDb(config: Env['database']): Db {
  if (config.kind === 'postgres') {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 10 }) }),
    });
    dbKinds.set(db.getExecutor().adapter, 'postgres');
    return db;
  }
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database's mode.
  ensurePrivateFile(config.file);
  const database = new SQLite(config.file);
  // WAL lets readers go on while one writer writes; busy_timeout waits out a concurrent writer.
  database.pragma('journal_mode = WAL');
  // SQLite keeps the mode of -wal and -shm files that an older version left behind.
  for (const suffix of ['-wal', '-shm']) tightenFileIfPresent(`${config.file}${suffix}`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  dbKinds.set(db.getExecutor().adapter, 'sqlite');
  return db;
}

/** Row locks (FOR UPDATE, SKIP LOCKED) exist only on PostgreSQL; SQLite has one writer at a time anyway. */
export function isPostgres(db: Db): boolean {
  return dbKinds.get(db.getExecutor().adapter) === 'postgres';
}

/** A unique index refused the row. SQLite: SQLITE_CONSTRAINT_UNIQUE; PostgreSQL: unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}

export async function pingDb(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

// One instance per server process; survives Next's module reloading in development.
const globalForDb = globalThis as unknown as { connectionDeskDb?: Promise<Db> };

/** The app's database, migrated on first use. A failed start is not cached, so the next call tries again. */
export function getDb(): Promise<Db> {
  if (!globalForDb.connectionDeskDb) {
    const pending = (async () => {
      const db = createDb(getEnv().database);
      try {
        await migrateToLatest(db);
      } catch (error) {
        await db.destroy();
        throw error;
      }
      return db;
    })();
    pending.catch(() => {
      if (globalForDb.connectionDeskDb === pending) globalForDb.connectionDeskDb = undefined;
    });
    globalForDb.connectionDeskDb = pending;
  }
  return globalForDb.connectionDeskDb;
}
