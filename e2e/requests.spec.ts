import { expect, test } from '@playwright/test';
import { freshRequests } from './support/fresh-requests';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/** Only hydrated client code turns the server's UTC time of the last poll into a relative one. */
const POLLED = /^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/;

test.describe('Requests page', () => {
  test.beforeEach(({ page }) => signIn(page, 'viewer'));

  test('lists Pending requests from the ledger of the sandbox’s queue, masked, in the viewer’s time', async ({
    page,
  }) => {
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'Pending connection requests' })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(11); // header + 10 rows, the default page size

    const firstRow = rows.nth(1).getByRole('cell');
    await expect(firstRow.nth(0)).toHaveText(/^[^,]+, .+/); // "Last, First"
    await expect(firstRow.nth(4)).toHaveText('Pending');
    for (const text of await page.getByRole('table').getByRole('cell').nth(1).allInnerTexts()) {
      expect(text).toMatch(/^(•••\w{0,4}|none)$/);
    }
    // Only hydrated client code turns the server's UTC timestamps into relative times.
    await expect(rows.nth(1).getByRole('cell').nth(3)).toHaveText(/ago$|just now|yesterday/);
    await expect(page.getByText(POLLED)).toBeVisible();
  });

  test('refreshes in place when asked @once', async ({ page }) => {
    await page.goto('/requests');
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await expect(page.getByText(POLLED)).toBeVisible();
    const action = page.waitForRequest(
      (request) => request.method() === 'POST' && Boolean(request.headers()['next-action']),
    );
    await refresh.click();
    await action;
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
  });

  test('pages forward with NextPage, back over the pages visited, and keeps the place in the URL', async ({ page }) => {
    await page.goto('/requests');
    const pager = page.getByRole('navigation', { name: 'Pages' });
    await pager.getByRole('link', { name: '5', exact: true }).click();
    await expect(page).toHaveURL(/limit=5/);
    const rows = page.getByRole('table').getByRole('row');
    // Pages are told apart by who is on them; times and activity move on between reads.
    const names = () => page.getByRole('table').getByRole('link').allTextContents();
    await expect(rows).toHaveCount(6);
    await expect(pager.getByText('Page 1')).toBeVisible();
    const firstPage = await names();

    await pager.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/offset=5/);
    await expect(pager.getByText('Page 2')).toBeVisible();
    const secondPage = await names();
    expect(secondPage).not.toEqual(firstPage);
    await pager.getByRole('link', { name: 'Next page' }).click();
    await expect(pager.getByText('Page 3')).toBeVisible();

    await pager.getByRole('link', { name: 'Previous page' }).click();
    await expect(pager.getByText('Page 2')).toBeVisible();
    expect(await names()).toEqual(secondPage);
    await page.goBack();
    await expect(pager.getByText('Page 3')).toBeVisible();
    await pager.getByRole('link', { name: 'Previous page' }).click();
    await expect(pager.getByText('Page 2')).toBeVisible();
    await pager.getByRole('link', { name: 'Previous page' }).click();
    await expect(pager.getByText('Page 1')).toBeVisible();
    await expect(pager.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
    expect(await names()).toEqual(firstPage);
  });

  test('shows each status on its own tab, bookmarkable', async ({ page }) => {
    await page.goto('/requests');
    const tabs = page.getByRole('navigation', { name: 'Status' });
    await expect(tabs.getByRole('link', { name: 'Pending' })).toHaveAttribute('aria-current', 'page');
    for (const status of ['Processing', 'Connected', 'Failed', 'Retry', 'Pending']) {
      await tabs.getByRole('link', { name: status }).click();
      await expect(page.getByRole('heading', { name: `${status} connection requests` })).toBeVisible();
      await expect(tabs.getByRole('link', { name: status })).toHaveAttribute('aria-current', 'page');
      // The tab's own list, not the table of decisions made here that some tabs add below it. Past
      // Pending it holds only what this server decided, which may be nothing yet.
      const table = page.getByRole('table', { name: `${status} connection requests, masked` });
      const empty = page.getByText(
        status === 'Pending'
          ? "No Pending requests in Concur's queue at the last poll."
          : 'No requests here yet from our records.',
      );
      await expect(table.or(empty)).toBeVisible();
      const dataRows = table.getByRole('row').filter({ has: page.getByRole('cell') });
      const count = await dataRows.count();
      if (status === 'Pending') expect(count, status).toBeGreaterThan(0);
      await expect(table.getByRole('cell', { name: status, exact: true })).toHaveCount(count);
    }
    await tabs.getByRole('link', { name: 'Failed' }).click();
    await expect(page).toHaveURL(/status=Failed/);
    await page.reload();
    await expect(tabs.getByRole('link', { name: 'Failed' })).toHaveAttribute('aria-current', 'page');
  });

  test('fits a 1024 px wide laptop screen without scrolling sideways @once', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/requests');
    await expect(page.getByRole('table')).toBeVisible();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  test('is driven from the keyboard @once', async ({ page }) => {
    await page.goto('/requests');
    // The shortcuts listen once the page has hydrated; only then does the time turn relative.
    await expect(page.getByText(POLLED)).toBeVisible();
    const rowLinks = page.getByRole('table').getByRole('link');
    await page.keyboard.press('j');
    await expect(rowLinks.nth(0)).toBeFocused();
    await page.keyboard.press('j');
    await expect(rowLinks.nth(1)).toBeFocused();
    await page.keyboard.press('k');
    await expect(rowLinks.nth(0)).toBeFocused();

    await page.keyboard.press(']');
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByText('Page 2')).toBeVisible();
    await page.keyboard.press('[');
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByText('Page 1')).toBeVisible();
    await page.keyboard.press('3');
    await expect(page.getByRole('heading', { name: 'Connected connection requests' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await expect(page.getByLabel('Go to request ID')).toBeFocused();

    await page.keyboard.press('Escape');
    // Past Pending a tab may hold nothing yet on this server: the rows are Pending's.
    await page.getByRole('heading', { name: 'Connected connection requests' }).click();
    await page.keyboard.press('1');
    await expect(page.getByRole('heading', { name: 'Pending connection requests' })).toBeVisible();
    await page.keyboard.press('j');
    const href = await rowLinks.nth(0).getAttribute('href');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${href}$`));
  });

  test('shows who else is reviewing a request: opening a Pending one claims it', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    // A request of its own: one another journey opened would show their claim instead.
    const fresh = freshRequests(request, testInfo);
    const { id, displayName: name } = await fresh.makeOne();
    const listPage = await fresh.listPageOf(id);
    const agentContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const agentPage = await agentContext.newPage();
    await signIn(agentPage, 'agent', listPage);
    await agentPage.getByRole('table').getByRole('link', { name, exact: true }).click();
    await expect(agentPage).toHaveURL(new RegExp(`/requests/${id}$`));
    await agentContext.close();

    await page.goto(listPage);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.getByRole('cell').last()).toHaveText('Being reviewed by Alex Agent');
  });

  test('a bad URL value falls back to the default instead of an error page @once', async ({ page }) => {
    await page.goto('/requests?limit=999&offset=%3Cscript%3E');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
  });

  test('no request token, raw loyalty number or email reaches the browser @once', async ({
    page,
    request,
  }, testInfo) => {
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      bodies.push(response.text().catch(() => ''));
    });
    await page.goto('/requests');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();

    // The same first page, asked of the sandbox directly, holds the secrets to look for.
    const { Items: items } = await sandboxApi(request, testInfo).get<{ Items: Record<string, unknown>[] }>(
      '/api/v3.2/common/connectionrequests/?limit=10',
    );
    const secrets = items.flatMap((item) => [
      String(item.requestToken),
      ...(item.loyaltyNumber ? [String(item.loyaltyNumber)] : []),
      ...Object.values(item.emailAddresses as Record<string, string | null>).filter((e): e is string => Boolean(e)),
    ]);
    expect(secrets.length).toBeGreaterThan(10);
    const seen = (await Promise.all(bodies)).join('\n');
    expect(seen).toContain('Pending connection requests');
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});
