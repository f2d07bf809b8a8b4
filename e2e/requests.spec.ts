import { expect, test } from '@playwright/test';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';
import { signIn } from './support/staff';

test.describe('Requests page', () => {
  test.beforeEach(({ page }) => signIn(page, 'viewer'));

  test('lists Pending requests from the sandbox, masked, in the viewer’s time', async ({ page }) => {
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
    await expect(page.getByText(/^Updated (just now|\d+ minutes? ago)$/)).toBeVisible();
  });

  test('refreshes in place when asked', async ({ page }) => {
    await page.goto('/requests');
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await expect(page.getByText(/^Updated /)).toBeVisible();
    const action = page.waitForRequest(
      (request) => request.method() === 'POST' && Boolean(request.headers()['next-action']),
    );
    await refresh.click();
    await action;
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
  });

  test('pages forward with NextPage and changes the page size', async ({ page }) => {
    await page.goto('/requests');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: '5', exact: true }).click();
    await expect(page).toHaveURL(/limit=5/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(6);
    const firstPage = await rows.allInnerTexts();

    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/offset=5/);
    await expect(rows).toHaveCount(6);
    expect(await rows.allInnerTexts()).not.toEqual(firstPage);

    await page.getByRole('link', { name: 'First page' }).click();
    await expect(page).not.toHaveURL(/offset=/);
    await expect(rows).toHaveCount(6);
    expect(await rows.allInnerTexts()).toEqual(firstPage);
  });

  test('a bad URL value falls back to the default instead of an error page', async ({ page }) => {
    await page.goto('/requests?limit=999&offset=%3Cscript%3E');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
  });

  test('no request token, raw loyalty number or email reaches the browser', async ({ page, request }, testInfo) => {
    const sandboxUrl = String(testInfo.project.metadata.sandboxUrl);
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      bodies.push(response.text().catch(() => ''));
    });
    await page.goto('/requests');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();

    // The same first page, asked of the sandbox directly, holds the secrets to look for.
    const token = await request.post(`${sandboxUrl}/oauth2/v0/token`, {
      form: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' },
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const direct = await request.get(`${sandboxUrl}/api/v3.2/common/connectionrequests/?limit=10`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
    });
    const items = ((await direct.json()) as { Items: Record<string, unknown>[] }).Items;
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
