import { expect, test } from '@playwright/test';
import { withServerDb } from './support/database';
import { formSignIn, signInFormFields, tally } from './support/form-sign-in';
import { E2E_PASSWORD, e2eStaff, signIn } from './support/staff';

/**
 * Guessing passwords as an attacker would: many at once, from addresses the attacker writes
 * into X-Forwarded-For. The servers trust the proxy on loopback (TRUST_PROXY=loopback), which
 * the test stands in for: what it appends last is the address the proxy saw.
 */

let base: string;
let fields: Record<string, string>;

test.beforeEach(async ({ request, baseURL }) => {
  base = baseURL ?? '';
  fields = await signInFormFields(request);
});

const wrong = (n: number) => `not the password ${n}`;

test.describe('Sign-in abuse', () => {
  test('sixty guesses at once get five evaluations; the right password after them is refused', async () => {
    const { email } = e2eStaff.burst;
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        formSignIn(base, fields, { email, password: wrong(n), forwardedFor: `198.51.100.${n + 1}` }),
      ),
    );
    expect(tally(outcomes)).toEqual({ wrong: 5, locked: 55 });
    expect(await formSignIn(base, fields, { email, password: E2E_PASSWORD, forwardedFor: '198.51.100.200' })).toBe(
      'locked',
    );
  });

  test('a success between guesses does not erase them', async () => {
    const { email } = e2eStaff.steady;
    const from = { forwardedFor: '198.51.100.201' };
    for (let n = 0; n < 4; n += 1)
      expect(await formSignIn(base, fields, { email, password: wrong(n), ...from })).toBe('wrong');
    expect(await formSignIn(base, fields, { email, password: E2E_PASSWORD, ...from })).toBe('signed-in');
    expect(await formSignIn(base, fields, { email, password: wrong(4), ...from })).toBe('wrong');
    expect(await formSignIn(base, fields, { email, password: E2E_PASSWORD, ...from })).toBe('locked');
  });

  test('an address gets twenty evaluations however it spreads its guesses and whatever it writes first', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        formSignIn(base, fields, {
          email: `sprayed-${n}@e2e.test`,
          password: wrong(n),
          // The client writes a new address each time; the proxy appends the one it saw.
          forwardedFor: `10.66.${n}.1, 203.0.113.77`,
        }),
      ),
    );
    expect(tally(outcomes)).toEqual({ wrong: 20, locked: 10 });
  });

  test("a client cannot lock out another office's address by writing it", async () => {
    const office = '192.0.2.50';
    await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        formSignIn(base, fields, {
          email: `framed-${n}@e2e.test`,
          password: wrong(n),
          forwardedFor: `${office}, 203.0.113.78`,
        }),
      ),
    );
    const { email } = e2eStaff.office;
    expect(await formSignIn(base, fields, { email, password: E2E_PASSWORD, forwardedFor: office })).toBe('signed-in');
  });

  test('a wrong password re-entered on the account page counts toward the lockout, and is audited', async ({
    browser,
  }, testInfo) => {
    // A browser of its own address, so its failures do not count against the other journeys'.
    const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.220' } });
    const page = await context.newPage();
    await signIn(page, 'reentry', '/account');
    const password = page.getByLabel('Your password');
    const alert = page.getByRole('main').getByRole('alert');
    for (let n = 0; n < 5; n += 1) {
      await password.fill(wrong(n));
      const answered = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await answered;
      await expect(alert).toHaveText('That password is wrong.');
      await expect(page.getByRole('button', { name: 'Set up two-factor sign-in' })).toBeEnabled();
    }
    await password.fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await expect(alert).toHaveText(/Too many failed attempts/);
    await context.close();

    const { email } = e2eStaff.reentry;
    expect(await formSignIn(base, fields, { email, password: E2E_PASSWORD, forwardedFor: '198.51.100.221' })).toBe(
      'locked',
    );
    const audited = await withServerDb(testInfo, (db) =>
      db
        .selectFrom('audit_event')
        .innerJoin('user', 'user.id', 'audit_event.actor')
        .select(['audit_event.action', 'audit_event.detail'])
        .where('user.email', '=', email)
        .where('audit_event.action', '=', 'staff.password-check-failed')
        .execute(),
    );
    expect(audited.map((row) => JSON.parse(row.detail))).toEqual(Array(5).fill({ form: 'two-factor-setup' }));
  });
});
