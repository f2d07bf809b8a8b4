import { expect, test } from '@playwright/test';
import { setStaffDisabled } from '@/lib/staff/store';
import { withServerDb } from './support/database';
import { E2E_PASSWORD, e2eStaff, signIn } from './support/staff';

/** The form's own message (Next's route announcer is an alert region too). */
const signInAlert = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'Sign in to Connection Desk' }).getByRole('alert');

/** One sign-in attempt, waiting for the server's answer so attempts never overlap. */
async function attempt(page: import('@playwright/test').Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
  // React resets the form once the action settles; typing before that would be wiped.
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
}

test.describe('Staff sign-in', () => {
  test('a signed-out visitor is sent to sign in and sees no requests @once', async ({ page }) => {
    await page.goto('/requests');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Connection Desk' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  });

  test('signs in, shows who is signed in, and signs out', async ({ page }) => {
    await signIn(page, 'agent');
    await expect(page.getByText('Alex Agent')).toBeVisible();
    const sessionCookie = (await page.context().cookies()).find((cookie) => cookie.name.endsWith('session_token'));
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await expect(page.getByRole('table')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    // The list reads every second while a poll runs: a read the sign-out beat sends the page to
    // sign-in too, with the list to come back to.
    await expect(page).toHaveURL(/\/sign-in(\?next=%2Frequests)?$/);
    await page.goto('/requests');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('the session cookie ends with the browser unless "keep me signed in" is ticked @once', async ({ browser }) => {
    const sessionCookieAfterSignIn = async (keep: boolean) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(e2eStaff.viewer.email);
      await page.getByLabel('Password').fill(E2E_PASSWORD);
      if (keep) await page.getByLabel('Keep me signed in on this device').check();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/\/requests$/);
      const cookie = (await context.cookies()).find((c) => c.name.endsWith('session_token'));
      await context.close();
      return cookie;
    };
    // Playwright reports a cookie without Max-Age or Expires as expiring at -1.
    expect((await sessionCookieAfterSignIn(false))?.expires).toBe(-1);
    const kept = await sessionCookieAfterSignIn(true);
    const hoursLeft = ((kept?.expires ?? 0) * 1000 - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11);
    expect(hoursLeft).toBeLessThanOrEqual(12);
  });

  test('a wrong password gets a message that does not say which part was wrong @once', async ({ page }) => {
    await page.goto('/sign-in');
    await attempt(page, e2eStaff.viewer.email, 'not the password at all');
    await expect(signInAlert(page)).toHaveText('Email or password is wrong, or the account is disabled.');
    await attempt(page, 'nobody@e2e.test', 'not the password at all');
    await expect(signInAlert(page)).toHaveText('Email or password is wrong, or the account is disabled.');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('too many failures lock the account, even for the right password', async ({ page }) => {
    await page.goto('/sign-in');
    for (let n = 0; n < 5; n += 1) {
      await attempt(page, e2eStaff.lockout.email, `wrong password ${n}`);
      await expect(signInAlert(page)).toHaveText(/wrong/);
    }
    await attempt(page, e2eStaff.lockout.email, E2E_PASSWORD);
    await expect(signInAlert(page)).toHaveText(/Too many failed attempts/);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('an idle session ends: the next request asks to sign in again', async ({ page }, testInfo) => {
    // The account page, which does not poll: the list's own refresh would race the reload.
    await signIn(page, 'idle', '/account');
    await withServerDb(testInfo, async (db) => {
      const staff = await db
        .selectFrom('user')
        .select('id')
        .where('email', '=', e2eStaff.idle.email)
        .executeTakeFirstOrThrow();
      // 31 minutes without activity, as if the staff member had left the desk.
      const idleSince = new Date(Date.now() - 31 * 60_000).toISOString();
      await db.updateTable('session').set({ updatedAt: idleSince }).where('userId', '=', staff.id).execute();
    });
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('disabling an account ends its live session at once', async ({ page }, testInfo) => {
    await signIn(page, 'disabled');
    await withServerDb(testInfo, async (db) => {
      const staff = await db
        .selectFrom('user')
        .select('id')
        .where('email', '=', e2eStaff.disabled.email)
        .executeTakeFirstOrThrow();
      await setStaffDisabled(db, staff.id, true);
    });
    // Its very next request is refused. The list's own background call may get there first and
    // abort this navigation; either way the page must end on sign-in.
    await page.goto('/requests', { waitUntil: 'commit' }).catch(() => undefined);
    await expect(page).toHaveURL(/\/sign-in(\?next=%2Frequests)?$/);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await attempt(page, e2eStaff.disabled.email, E2E_PASSWORD);
    await expect(signInAlert(page)).toHaveText(/wrong, or the account is disabled/);
  });
});
