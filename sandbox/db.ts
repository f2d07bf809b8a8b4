import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/** The sandbox's own SQLite file: the app never reads it. Times are epoch milliseconds on the sandbox clock. */

export type Database = SQLite.Database;

/** Bump when the schema changes: sandbox data is disposable, so an old file is simply rebuilt. */
const SCHEMA_VERSION = 3;

const TABLES = ['notification', 'outcome', 'oauth_token', 'connection_request', 'traveller', 'setting'] as const;

const SCHEMA = `
  create table traveller (
    login_id text primary key collate nocase,
    user_id text not null unique,
    first_name text not null,
    middle_name text,
    last_name text not null,
    loyalty_number text,
    emails text not null
  );
  create table connection_request (
    seq integer primary key autoincrement,
    id text not null unique,
    login_id text not null references traveller (login_id),
    status text not null,
    queued_at integer not null,
    last_modified integer not null,
    request_token text,
    request_token_issued_at integer,
    is_request_token_used integer not null default 0,
    failure_count integer not null default 0,
    retry_count integer not null default 0,
    requeue_at integer,
    last_code text
  );
  create index connection_request_queue on connection_request (status, queued_at, seq);
  create index connection_request_awaiting on connection_request (queued_at, seq)
    where status in ('Pending', 'Processing');
  create index connection_request_requeue on connection_request (requeue_at) where requeue_at is not null;
  create index connection_request_login on connection_request (login_id);
  create index connection_request_token on connection_request (request_token);
  create table outcome (
    seq integer primary key autoincrement,
    request_id text not null,
    code text not null,
    at integer not null
  );
  create index outcome_request on outcome (request_id);
  create table notification (
    seq integer primary key autoincrement,
    request_id text not null,
    kind text not null,
    code text not null,
    at integer not null
  );
  create index notification_request on notification (request_id);
  create table oauth_token (
    token_hash text primary key,
    kind text not null,
    request_id text,
    expires_at integer not null
  );
  create table setting (key text primary key, value text not null);
`;

export function openDatabase(file: string): Database {
  if (file !== ':memory:') {
    // Private like the app's own files in DATA_DIR: created 0600 (SQLite gives -wal and -shm the same mode).
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // The sandbox is a throwaway stand-in: losing the last write on a power cut is fine, a slow backlog is not.
  db.pragma('synchronous = NORMAL');
  if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
    db.transaction(() => {
      for (const table of TABLES) db.exec(`drop table if exists ${table}`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
  return db;
}

/** Empties every table (requests, users, tokens, history, clock offset); call inside a transaction. */
export function wipe(db: Database): void {
  for (const table of TABLES) db.exec(`delete from ${table}`);
}
