import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from './db';
import {
  decideOutcome,
  isOpen,
  isRequestTokenValid,
  type LifecycleState,
  type OutcomeCode,
  type OutcomeDecision,
  type Status,
} from './lifecycle';
import type { SeedRequest, Traveller } from './seed';

/** Connection requests and the users behind them, in the sandbox's own database. */

export type StoredRequest = Traveller &
  LifecycleState & {
    id: string;
    queuedAt: number;
    lastModified: number;
    requestToken: string | null;
    requestTokenIssuedAt: number | null;
    isRequestTokenUsed: boolean;
  };

type Row = {
  id: string;
  login_id: string;
  user_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  loyalty_number: string | null;
  emails: string;
  status: Status;
  queued_at: number;
  last_modified: number;
  request_token: string | null;
  request_token_issued_at: number | null;
  is_request_token_used: number;
  failure_count: number;
  retry_count: number;
  requeue_at: number | null;
  last_code: OutcomeCode | null;
};

const fromRow = (row: Row): StoredRequest => ({
  id: row.id,
  loginId: row.login_id,
  userId: row.user_id,
  firstName: row.first_name,
  middleName: row.middle_name,
  lastName: row.last_name,
  loyaltyNumber: row.loyalty_number,
  emails: JSON.parse(row.emails) as string[],
  status: row.status,
  queuedAt: row.queued_at,
  lastModified: row.last_modified,
  requestToken: row.request_token,
  requestTokenIssuedAt: row.request_token_issued_at,
  isRequestTokenUsed: row.is_request_token_used === 1,
  failureCount: row.failure_count,
  retryCount: row.retry_count,
  requeueAt: row.requeue_at,
  lastCode: row.last_code,
});

const SELECT = 'select r.*, t.user_id, t.first_name, t.middle_name, t.last_name, t.loyalty_number, t.emails';
const FROM = 'from connection_request r join traveller t on t.login_id = r.login_id';

export type RequestStore = ReturnType<typeof createRequestStore>;

export function createRequestStore(db: Database) {
  return { ...reads(db), ...queueWrites(db), ...outcomeWrites(db) };
}

/**
 * A queue the list peeks at: one status (the v3.0/v3.1 filter), or every request awaiting an
 * outcome, Pending and Processing alike (v3.2: an exchanged request stays until its PUT pops it).
 */
export type Queue = Status | 'awaiting-outcome';

/**
 * How an API GET hands out request tokens: `repeat` one until it is 24 h old, or `renew` it on
 * every GET, so only the newest can be exchanged. Concur says only "generated upon GET".
 */
export type TokenIssue = 'repeat' | 'renew';

/** Peeks and lookups; the API's GETs also issue request tokens, as Concur generates them upon GET. */
function reads(db: Database) {
  const byId = db.prepare<[string], Row>(`${SELECT} ${FROM} where r.id = ?`);
  const pageOfStatus = db.prepare<[Status, number, number], Row>(
    `${SELECT} ${FROM} where r.status = ? order by r.queued_at, r.seq limit ? offset ?`,
  );
  // Named, because without table statistics SQLite prefers the status index and sorts the whole queue.
  const pageAwaiting = db.prepare<[number, number], Row>(
    `${SELECT} from connection_request r indexed by connection_request_awaiting
      join traveller t on t.login_id = r.login_id
    where r.status in ('Pending', 'Processing') order by r.queued_at, r.seq limit ? offset ?`,
  );
  const issueToken = db.prepare<[string, number, string]>(
    'update connection_request set request_token = ?, request_token_issued_at = ?, is_request_token_used = 0 where id = ?',
  );
  const count = db.prepare<[], { n: number }>('select count(*) as n from connection_request');
  const countByStatus = db.prepare<[], { status: Status; n: number }>(
    'select status, count(*) as n from connection_request group by status',
  );

  /** With `repeat`, a token already issued stays until it expires, so repeated GETs agree. */
  function withToken(row: Row, nowMs: number, issue: TokenIssue): StoredRequest {
    const isKept =
      issue === 'repeat' && row.request_token !== null && isRequestTokenValid(row.request_token_issued_at, nowMs);
    if (!isKept) {
      row.request_token = randomBytes(24).toString('base64url');
      row.request_token_issued_at = nowMs;
      row.is_request_token_used = 0;
      issueToken.run(row.request_token, nowMs, row.id);
    }
    return fromRow(row);
  }

  return {
    count: (): number => count.get()?.n ?? 0,

    countByStatus(): Record<Status, number> {
      const counts: Record<Status, number> = { Pending: 0, Processing: 0, Connected: 0, Failed: 0, Retry: 0 };
      for (const row of countByStatus.all()) counts[row.status] = row.n;
      return counts;
    },

    /** A peek at a queue: [offset, offset + limit) by (queued_at, seq). */
    page(queue: Queue, offset: number, limit: number, nowMs: number, issue: TokenIssue): StoredRequest[] {
      return db.transaction(() => {
        const rows =
          queue === 'awaiting-outcome' ? pageAwaiting.all(limit, offset) : pageOfStatus.all(queue, limit, offset);
        return rows.map((row) => withToken(row, nowMs, issue));
      })();
    },

    /** One request; `issueToken` is for the API's GET, false for the control API's inspection. */
    get(id: string, nowMs: number, options: { issueToken: TokenIssue | false }): StoredRequest | undefined {
      const row = byId.get(id);
      if (!row) return undefined;
      const { issueToken } = options;
      return issueToken ? db.transaction(() => withToken(row, nowMs, issueToken))() : fromRow(row);
    },
  };
}

/** What puts requests into the queue: seeding, requeue timers and certification POSTs. */
function queueWrites(db: Database) {
  const insertTraveller = db.prepare(`
    insert into traveller (login_id, user_id, first_name, middle_name, last_name, loyalty_number, emails)
    values (@loginId, @userId, @firstName, @middleName, @lastName, @loyaltyNumber, @emails)`);
  const insertRequest = db.prepare(`
    insert into connection_request (id, login_id, status, queued_at, last_modified, failure_count, retry_count, requeue_at)
    values (@id, @loginId, @status, @queuedAt, @queuedAt, @failureCount, @retryCount, @requeueAt)`);
  // Requeued requests go to the back of the queue as of the moment they became due, with a fresh token.
  const requeue = db.prepare<[number]>(`
    update connection_request set status = 'Pending', queued_at = requeue_at, last_modified = requeue_at,
      requeue_at = null, last_code = null, request_token = null, request_token_issued_at = null, is_request_token_used = 0
    where requeue_at is not null and requeue_at <= ?`);
  const traveller = db.prepare<[string], { login_id: string }>('select login_id from traveller where login_id = ?');
  const requestsOf = db.prepare<[string], { status: Status; requeue_at: number | null }>(
    'select status, requeue_at from connection_request where login_id = ?',
  );

  return {
    /** Seeded requests keep their lastModified as their place in the queue; call inside a transaction. */
    insertSeed(requests: SeedRequest[], extraTravellers: Traveller[], seededAtMs: number): void {
      for (const t of [...requests, ...extraTravellers])
        insertTraveller.run({ ...t, emails: JSON.stringify(t.emails) });
      for (const r of requests) {
        const requeueAt = r.requeueInMinutes === null ? null : seededAtMs + r.requeueInMinutes * 60_000;
        insertRequest.run({ ...r, queuedAt: Date.parse(`${r.lastModified}Z`), requeueAt });
      }
    },

    requeueDue: (nowMs: number): number => requeue.run(nowMs).changes,

    create(loginId: string, nowMs: number): { id: string } | 'unknown-user' | 'conflict' {
      return db.transaction(() => {
        const user = traveller.get(loginId);
        if (!user) return 'unknown-user' as const;
        const existing = requestsOf.all(user.login_id);
        if (existing.some((r) => isOpen({ status: r.status, requeueAt: r.requeue_at }))) return 'conflict' as const;
        const id = randomUUID();
        const request = { id, loginId: user.login_id, status: 'Pending', queuedAt: nowMs, requeueAt: null };
        insertRequest.run({ ...request, failureCount: 0, retryCount: 0 });
        return { id };
      })();
    },

    /** New travellers, each with a Pending request at the back of the queue, side by side in this order. */
    addTravellerRequests(travellers: Omit<Traveller, 'loginId' | 'userId'>[], nowMs: number): { id: string }[] {
      return db.transaction(() =>
        travellers.map((traveller) => {
          const loginId = `${randomUUID()}@travellers.example.com`;
          const emails = JSON.stringify(traveller.emails);
          insertTraveller.run({ ...traveller, emails, loginId, userId: randomUUID() });
          const request = { id: randomUUID(), loginId, status: 'Pending', queuedAt: nowMs, requeueAt: null };
          insertRequest.run({ ...request, failureCount: 0, retryCount: 0 });
          return { id: request.id };
        }),
      )();
    },
  };
}

/** PUT outcomes and the request-token exchange: read, decide, write and record in one transaction. */
function outcomeWrites(db: Database) {
  const byId = db.prepare<[string], Row>(`${SELECT} ${FROM} where r.id = ?`);
  const update = db.prepare(`
    update connection_request set status = @status, failure_count = @failureCount, retry_count = @retryCount,
      requeue_at = @requeueAt, last_code = @lastCode, last_modified = @nowMs
    where id = @id`);
  const recordOutcome = db.prepare<[string, string, number]>(
    'insert into outcome (request_id, code, at) values (?, ?, ?)',
  );
  const recordNotification = db.prepare<[string, string, string, number]>(
    'insert into notification (request_id, kind, code, at) values (?, ?, ?, ?)',
  );
  const byToken = db.prepare<[string], Row>(`${SELECT} ${FROM} where r.request_token = ?`);
  const markExchanged = db.prepare<[number, string]>(
    "update connection_request set status = 'Processing', is_request_token_used = 1, last_modified = ? where id = ?",
  );
  const markUsed = db.prepare<[string]>('update connection_request set is_request_token_used = 1 where id = ?');

  return {
    applyOutcome(id: string, code: OutcomeCode, nowMs: number): OutcomeDecision['kind'] | 'not-found' {
      return db.transaction(() => {
        const row = byId.get(id);
        if (!row) return 'not-found' as const;
        const decision = decideOutcome(fromRow(row), code, nowMs);
        if (decision.kind !== 'apply') return decision.kind;
        update.run({ id, nowMs, ...decision.next });
        recordOutcome.run(id, code, nowMs);
        if (decision.notification) recordNotification.run(id, decision.notification, code, nowMs);
        return decision.kind;
      })();
    },

    /** The password grant: the request id when the token is good for this user, else null. */
    exchangeRequestToken(userId: string, token: string, nowMs: number): string | null {
      return db.transaction(() => {
        const row = token ? byToken.get(token) : undefined;
        if (!row || row.user_id !== userId || row.status !== 'Pending') return null;
        if (row.is_request_token_used === 1 || !isRequestTokenValid(row.request_token_issued_at, nowMs)) return null;
        markExchanged.run(nowMs, row.id);
        return row.id;
      })();
    },

    /**
     * The current request token stops working, as if it had been used elsewhere, without a
     * trace on the request itself (status and lastModified stay): only an exchange notices.
     */
    spoilRequestToken(id: string): 'spoiled' | 'not-found' | 'no-token' {
      return db.transaction(() => {
        const row = byId.get(id);
        if (!row) return 'not-found' as const;
        if (row.request_token === null) return 'no-token' as const;
        markUsed.run(id);
        return 'spoiled' as const;
      })();
    },
  };
}
