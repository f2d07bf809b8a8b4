import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/store';
import { LOCKOUT, type Reservation, reserveSignInAttempt, settleSignInSuccess } from '@/lib/auth/lockout';
import type { Db } from '@/lib/db';
import { testDatabases } from './support/databases';

/**
 * The lockout reserves each password check before the hash is computed, so it holds however
 * many guesses arrive at once, and on PostgreSQL however many instances receive them.
 */

const burst = (size: number, reserve: (n: number) => Promise<Reservation>) =>
  Promise.all(Array.from({ length: size }, (_, n) => reserve(n)));
const granted = (reservations: Reservation[]) => reservations.filter((r) => r.ok).length;
const fresh = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

describe.each(testDatabases('lockout'))('sign-in lockout on $name', (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => database.close(db));

  it('grants at most five checks of one account, however many arrive at once', async () => {
    const email = `${fresh('burst')}@example.com`;
    const results = await burst(60, (n) => reserveSignInAttempt(db, { email, address: `198.51.100.${n}` }));
    expect(granted(results)).toBe(LOCKOUT.maxPerAccount);
    expect(results.filter((r) => !r.ok && r.lockedBy === 'account')).toHaveLength(60 - LOCKOUT.maxPerAccount);
  });

  it('grants at most twenty checks from one address, whichever accounts they name', async () => {
    const address = fresh('203.0.113.7');
    const results = await burst(60, (n) =>
      reserveSignInAttempt(db, { email: `${fresh(`spray${n}`)}@x.test`, address }),
    );
    expect(granted(results)).toBe(LOCKOUT.maxPerAddress);
  });

  it('lets a success free only its own place: failures of the same burst still count', async () => {
    const email = `${fresh('mixed')}@example.com`;
    const first = await burst(4, () => reserveSignInAttempt(db, { email, address: null }));
    const right = await reserveSignInAttempt(db, { email, address: null });
    expect([granted(first), right.ok]).toEqual([4, true]);
    if (right.ok) await settleSignInSuccess(db, right.attemptId);
    // The four wrong guesses stay: one more check is left, then the account is locked.
    expect((await reserveSignInAttempt(db, { email, address: null })).ok).toBe(true);
    expect(await reserveSignInAttempt(db, { email, address: null })).toEqual({ ok: false, lockedBy: 'account' });
  });

  it('opens again once the window has passed', async () => {
    const email = `${fresh('window')}@example.com`;
    await burst(LOCKOUT.maxPerAccount, () => reserveSignInAttempt(db, { email, address: null }));
    expect((await reserveSignInAttempt(db, { email, address: null })).ok).toBe(false);
    const later = new Date(Date.now() + LOCKOUT.windowMs + 1000);
    expect((await reserveSignInAttempt(db, { email, address: null }, later)).ok).toBe(true);
  });

  it('counts the refusals of a locked account on one audit row per window', async () => {
    const email = `${fresh('flood')}@example.com`;
    const staffId = fresh('staff');
    await burst(LOCKOUT.maxPerAccount, () => reserveSignInAttempt(db, { email, address: null, staffId }));
    const refused = await burst(40, () => reserveSignInAttempt(db, { email, address: null, staffId }));
    expect(granted(refused)).toBe(0);
    const rows = await listAuditEvents(db, { subjectType: 'staff', subjectId: staffId });
    expect(rows.map((row) => [row.action, row.detail])).toEqual([
      ['staff.sign-in-failed', { reason: 'locked', scope: 'account', count: 40 }],
    ]);
    // A refusal in the next window starts a new row.
    const later = new Date(Date.now() + LOCKOUT.windowMs + 1000);
    await burst(LOCKOUT.maxPerAccount, () => reserveSignInAttempt(db, { email, address: null, staffId }, later));
    await reserveSignInAttempt(db, { email, address: null, staffId }, later);
    expect(await listAuditEvents(db, { subjectType: 'staff', subjectId: staffId })).toHaveLength(2);
  });

  it.runIf(database.openAnotherInstance)('holds across instances sharing the database', async () => {
    const second = database.openAnotherInstance?.() ?? db;
    try {
      const email = `${fresh('instances')}@example.com`;
      const results = await burst(60, (n) => reserveSignInAttempt(n % 2 ? db : second, { email, address: null }));
      expect(granted(results)).toBe(LOCKOUT.maxPerAccount);
    } finally {
      await second.destroy();
    }
  });
});
