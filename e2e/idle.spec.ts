import { expect, type Page, type Request, type Response, type TestInfo, test } from '@playwright/test';
import { withServerDb } from './support/database';
import { E2E_PASSWORD, e2eStaff, signIn } from './support/staff';

/*
 * An unattended desk: only the person's own navigation and actions keep the session alive.
 * The page's clock is Playwright's, so its timers (the list's 30-second refresh, the one-minute
 * session check) run when a test moves it on; the server's clock and the session row are real.
 */

const minutes = (n: number) => n * 60_000;

async function staffId(testInfo: TestInfo): Promise<string> {
  return withServerDb(testInfo, async (db) => {
    const staff = await db
      .selectFrom('user')
      .select('id')
      .where('email', '=', e2eStaff.background.email)
      .executeTakeFirstOrThrow();
    return staff.id;
  });
}

/** Bea's one session, as if she had last done something `idleFor` ago; answers that moment. */
async function leaveDesk(testInfo: TestInfo, idleFor: number): Promise<number> {
  const id = await staffId(testInfo);
  const since = new Date(Date.now() - idleFor);
  await withServerDb(testInfo, (db) =>
    db.updateTable('session').set({ updatedAt: since.toISOString() }).where('userId', '=', id).execute(),
  );
  return since.getTime();
}

/** When the server last counted Bea's activity. */
async function lastActivity(testInfo: TestInfo): Promise<number> {
  const id = await staffId(testInfo);
  const session = await withServerDb(testInfo, (db) =>
    db.selectFrom('session').select('updatedAt').where('userId', '=', id).executeTakeFirstOrThrow(),
  );
  return new Date(session.updatedAt).getTime();
}

/** Each test starts Bea with no session, so the one it reads is the one its browser holds. */
async function signInAlone(page: Page, testInfo: TestInfo): Promise<void> {
  const id = await staffId(testInfo);
  await withServerDb(testInfo, (db) => db.deleteFrom('session').where('userId', '=', id).execute());
  await page.clock.install();
  await signIn(page, 'background');
  // Only hydrated client code turns the last poll's time into "Concur polled … ago"; from then on the
  // list's refresh and the session check are on the page's clock.
  await expect(page.getByText(/^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/)).toBeVisible();
}

const isListRefresh = (response: Response) =>
  response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']);
const isSessionCheck = (response: Response) => new URL(response.url()).pathname === '/api/session';
/** Next's router fetching a request's page ahead, as the list's row links make it do. */
const isRowPrefetch = (request: Request) =>
  /^\/requests\/[^/]+$/.test(new URL(request.url()).pathname) && request.headers()['next-router-prefetch'] === '1';

test.describe('An idle session', () => {
  test('the list refreshing, prefetching and checking by itself does not keep it alive', async ({ page }, testInfo) => {
    const prefetch = page.waitForRequest(isRowPrefetch);
    await signInAlone(page, testInfo);
    const idleSince = await leaveDesk(testInfo, minutes(29));

    const refreshed = page.waitForResponse(isListRefresh);
    await page.clock.fastForward(30_000);
    expect((await refreshed).ok()).toBe(true);
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
    expect(await lastActivity(testInfo)).toBe(idleSince);

    // The same prefetch again, from this page with its cookies: Next renders no page for it.
    const sent = await prefetch;
    const headers = Object.fromEntries(
      Object.entries(sent.headers()).filter(([name]) => name === 'rsc' || name.startsWith('next-')),
    );
    const prefetchStatus = await page.evaluate(
      async ([target, replayed]) => (await fetch(target, { headers: replayed })).status,
      [sent.url(), headers] as const,
    );
    expect(prefetchStatus).toBe(200);
    expect(await lastActivity(testInfo)).toBe(idleSince);

    const checked = page.waitForResponse(isSessionCheck);
    await page.clock.fastForward(30_000);
    expect(await (await checked).json()).toMatchObject({ signedIn: true });
    expect(await lastActivity(testInfo)).toBe(idleSince);

    // Past the limit, the open list leaves for sign-in without anyone touching it.
    await leaveDesk(testInfo, minutes(31));
    await page.clock.fastForward(60_000);
    await expect(page).toHaveURL(/\/sign-in(\?next=%2Frequests)?$/);
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test('opening a request keeps it alive; a page left open goes to sign-in by itself, and back after', async ({
    page,
  }, testInfo) => {
    await signInAlone(page, testInfo);
    await leaveDesk(testInfo, minutes(29));
    const firstRow = page.getByRole('table').getByRole('link').first();
    const href = (await firstRow.getAttribute('href')) ?? '';
    await firstRow.click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
    expect(await lastActivity(testInfo)).toBeGreaterThan(Date.now() - minutes(1));

    // The detail page does not refresh: only the session check can notice the end.
    await leaveDesk(testInfo, minutes(31));
    await page.clock.fastForward(60_000);
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(href)}`);

    await page.getByLabel('Email').fill(e2eStaff.background.email);
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
  });

  test('clicking Refresh is a person asking: it keeps the session alive', async ({ page }, testInfo) => {
    await signInAlone(page, testInfo);
    const idleSince = await leaveDesk(testInfo, minutes(29));
    const refreshed = page.waitForResponse(isListRefresh);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await refreshed;
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
    await expect.poll(() => lastActivity(testInfo)).toBeGreaterThan(idleSince + minutes(28));
  });
});
