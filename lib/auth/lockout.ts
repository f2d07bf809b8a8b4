import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/store';
import { type Database, type Db, isPostgres } from '@/lib/db';

/**
 * Sign-in lockout. Every password check (sign-in, or a form that asks for the current password
 * again) first reserves an attempt for its account and its address, atomically in the database;
 * only then is the slow hash computed. A burst of parallel guesses therefore gets at most
 * `maxPerAccount` and `maxPerAddress` evaluations per window, on one instance or many. A
 * success deletes its own reservation and nothing else, so it cannot erase the failures of
 * the burst it hid in; failures age out with the window (an admin's password reset clears them).
 */
export const LOCKOUT = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerAddress: 20 } as const;

/** What a refused attempt is told; it never says whether the account or the address is locked. */
export const LOCKED_OUT = 'Too many failed attempts. Wait 15 minutes, or ask an admin to reset your password.';

export type AttemptSource = {
  /** The account the password is checked for; null when only the address is known (a TOTP code). */
  email: string | null;
  address: string | null;
  /** For the audit row of a refusal: the staff member the email belongs to, if any. */
  staffId?: string | null;
};

export type Reservation = { ok: true; attemptId: string } | { ok: false; lockedBy: 'account' | 'address' };

type Key = { key: string; scope: 'account' | 'address'; max: number };

/** The client's address, which scripts/serve.ts alone writes into X-Forwarded-For (lib/http/proxy-trust.ts). */
export function clientAddress(requestHeaders: Headers): string | null {
  return requestHeaders.get('x-forwarded-for')?.trim() || null;
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

function keysOf(source: AttemptSource): Key[] {
  const keys: Key[] = [];
  if (source.email) keys.push({ key: accountKey(source.email), scope: 'account', max: LOCKOUT.maxPerAccount });
  if (source.address) keys.push({ key: addressKey(source.address), scope: 'address', max: LOCKOUT.maxPerAddress });
  return keys;
}

/**
 * Serialises reservations for these keys until the transaction ends. PostgreSQL: advisory locks
 * taken in key order (no deadlock between two reservations). SQLite has one writer at a time:
 * starting with a write takes that lock for the whole transaction.
 */
async function lockKeys(trx: Transaction<Database>, keys: Key[], since: string): Promise<void> {
  if (isPostgres(trx)) {
    for (const { key } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    }
    return;
  }
  await trx.deleteFrom('sign_in_attempt').where('attempted_at', '<=', since).execute();
}

async function attemptsSince(trx: Transaction<Database>, keys: Key[], since: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('sign_in_attempt')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .where('attempted_at', '>', since)
    .groupBy('key')
    .execute();
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

/**
 * Reserve one password check, or refuse it when its account or address is locked. A refusal
 * writes nothing but the lockout's one audit row per key and window, whose count it raises.
 */
export async function reserveSignInAttempt(db: Db, source: AttemptSource, now = new Date()): Promise<Reservation> {
  const keys = keysOf(source);
  const at = now.toISOString();
  const since = new Date(now.getTime() - LOCKOUT.windowMs).toISOString();
  const attemptId = randomUUID();
  const result = await db.transaction().execute(async (trx): Promise<Reservation> => {
    await lockKeys(trx, keys, since);
    const counts = await attemptsSince(trx, keys, since);
    const full = keys.find((k) => (counts.get(k.key) ?? 0) >= k.max);
    if (full) {
      await noteRefusal(trx, full, source.staffId ?? null, now);
      return { ok: false, lockedBy: full.scope };
    }
    if (keys.length > 0) {
      await trx
        .insertInto('sign_in_attempt')
        .values(keys.map(({ key }) => ({ attempt_id: attemptId, key, attempted_at: at })))
        .execute();
    }
    return { ok: true, attemptId };
  });
  if (isPostgres(db)) {
    // Old rows say nothing any more; dropping them here keeps the tables small without a job.
    await db.deleteFrom('sign_in_attempt').where('attempted_at', '<=', since).execute();
  }
  return result;
}

/** The password was right: this attempt does not count. Other attempts, failed or in flight, still do. */
export async function settleSignInSuccess(db: Db, attemptId: string): Promise<void> {
  await db.deleteFrom('sign_in_attempt').where('attempt_id', '=', attemptId).execute();
}

/**
 * One audit row per locked key and window, its `count` the refusals so far: a flood of guesses
 * at a locked account or address cannot flood the audit log.
 */
async function noteRefusal(trx: Transaction<Database>, key: Key, staffId: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOCKOUT.windowMs).toISOString();
  const notice = await trx.selectFrom('sign_in_lock_notice').selectAll().where('key', '=', key.key).executeTakeFirst();
  const actor = key.scope === 'account' ? staffId : null;
  if (notice && notice.since > since) {
    const refused = notice.refused + 1;
    await trx.updateTable('sign_in_lock_notice').set({ refused }).where('key', '=', key.key).execute();
    await trx
      .updateTable('audit_event')
      .set({ detail: JSON.stringify(lockedDetail(key, refused)) })
      .where('id', '=', notice.audit_event_id)
      .execute();
    return;
  }
  const event = await recordAuditEvent(
    trx,
    { actor, action: 'staff.sign-in-failed', subjectType: 'staff', subjectId: actor, detail: lockedDetail(key, 1) },
    now,
  );
  const values = { key: key.key, audit_event_id: event.id, since: now.toISOString(), refused: 1 };
  await trx
    .insertInto('sign_in_lock_notice')
    .values(values)
    .onConflict((oc) => oc.column('key').doUpdateSet({ audit_event_id: event.id, since: values.since, refused: 1 }))
    .execute();
  await trx.deleteFrom('sign_in_lock_notice').where('since', '<=', since).execute();
}

function lockedDetail(key: Key, count: number) {
  return { reason: 'locked', scope: key.scope, count };
}

/** An admin's password reset clears the account's count, not the address's. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_attempt').where('key', '=', accountKey(email)).execute();
}
