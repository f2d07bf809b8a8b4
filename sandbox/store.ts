import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { SeedRequest } from './seed';

/** The sandbox's own state, in its own SQLite file: the app never reads it. */

export type StoredRequest = SeedRequest & { requestToken: string | null };

type Row = {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  loyalty_number: string | null;
  status: StoredRequest['status'];
  emails: string;
  user_id: string;
  login_id: string;
  last_modified: string;
  request_token: string | null;
};

const fromRow = (row: Row): StoredRequest => ({
  id: row.id,
  firstName: row.first_name,
  middleName: row.middle_name,
  lastName: row.last_name,
  loyaltyNumber: row.loyalty_number,
  status: row.status,
  emails: JSON.parse(row.emails) as string[],
  userId: row.user_id,
  loginId: row.login_id,
  lastModified: row.last_modified,
  requestToken: row.request_token,
});

export type SandboxStore = ReturnType<typeof openStore>;

export function openStore(file: string) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    create table if not exists connection_request (
      seq integer primary key autoincrement,
      id text not null unique,
      first_name text not null,
      middle_name text,
      last_name text not null,
      loyalty_number text,
      status text not null,
      emails text not null,
      user_id text not null,
      login_id text not null,
      last_modified text not null,
      request_token text,
      request_token_issued_at text
    );
    create index if not exists connection_request_status on connection_request (status, seq);
  `);

  const insert = db.prepare(`
    insert into connection_request (id, first_name, middle_name, last_name, loyalty_number, status, emails, user_id, login_id, last_modified)
    values (@id, @firstName, @middleName, @lastName, @loyaltyNumber, @status, @emails, @userId, @loginId, @lastModified)`);
  const page = db.prepare<[string, number, number], Row>(
    'select * from connection_request where status = ? order by seq limit ? offset ?',
  );
  const issueToken = db.prepare(
    'update connection_request set request_token = ?, request_token_issued_at = ? where id = ? and request_token is null',
  );

  return {
    count(): number {
      const row = db.prepare<[], { n: number }>('select count(*) as n from connection_request').get();
      return row?.n ?? 0;
    },

    insertMany: db.transaction((requests: SeedRequest[]) => {
      for (const request of requests) insert.run({ ...request, emails: JSON.stringify(request.emails) });
    }),

    /**
     * A peek at the queue of one status. Concur generates request tokens upon GET, so every
     * returned request gets one if it has none yet.
     */
    list(status: StoredRequest['status'], offset: number, limit: number, now: Date): StoredRequest[] {
      return db.transaction(() => {
        const rows = page.all(status, limit, offset);
        for (const row of rows) {
          if (row.request_token) continue;
          row.request_token = randomBytes(24).toString('base64url');
          issueToken.run(row.request_token, now.toISOString(), row.id);
        }
        return rows.map(fromRow);
      })();
    },

    close(): void {
      db.close();
    },
  };
}
