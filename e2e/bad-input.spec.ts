import http from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/**
 * Bad input answers honestly: a link the app cannot use says so, in the page and in the HTTP
 * status, and is never sent to Concur or blamed on it.
 */

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const FALLBACK_NOTICE = 'That link had a page position we could not use; showing the first page.';

/** The session cookies of a signed-in page, for requests made outside the browser. */
async function cookieHeader(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/**
 * The answer to a path sent exactly as written: browsers and Playwright's request fold `..`
 * and `%2e%2e` away before sending, a hand-made request does not.
 */
function rawAnswer(baseURL: string, path: string, cookie: string): Promise<{ status: number; location: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, headers: { cookie } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? '' });
    });
    request.on('error', reject);
  });
}

test.describe('Bad input', () => {
  test('an unknown or malformed request id, an unknown member or page answer 404, a known id 200', async ({
    browser,
    page,
    request,
    baseURL,
  }, testInfo) => {
    await signIn(page, 'viewer');
    const known = await sandboxApi(request, testInfo).get<{ Items: { ID: string }[] }>(
      '/api/v3.2/common/connectionrequests/?limit=1',
    );
    const knownId = known.Items[0]?.ID ?? '';
    expect((await page.request.get(`/requests/${knownId}`, { maxRedirects: 0 })).status()).toBe(200);

    for (const path of [
      `/requests/${UNKNOWN_ID}`,
      '/requests/nonexistent-id',
      '/requests/not%20an%20id',
      '/requests/a.b',
      '/requests/..%2F',
      '/requests/%2e%2e%2Fcommon',
      '/no-such-page',
      '/requests/a/b',
    ]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain('Concur answered with an error');
    }

    // A bare `..` or `%2e%2e` never becomes an id: the server resolves it as a browser would,
    // so `/requests/..` is `/`, and answers as `/` does.
    const cookie = await cookieHeader(page);
    const home = await rawAnswer(baseURL ?? '', '/', cookie);
    for (const path of ['/requests/..', '/requests/%2e%2e', '/requests/%2E%2E']) {
      expect(await rawAnswer(baseURL ?? '', path, cookie), path).toEqual(home);
    }

    // Members are for agents; a viewer would be sent to "no access".
    const agent = await browser.newPage({ baseURL });
    await signIn(agent, 'agent');
    expect((await agent.request.get('/members/no-such-member', { maxRedirects: 0 })).status()).toBe(404);
    await agent.close();
  });

  test('a page position Concur cannot have falls back to the first page and says so', async ({ page }) => {
    await signIn(page, 'viewer');
    const pager = page.getByRole('navigation', { name: 'Pages' });
    for (const offset of ['abc', '-3', '1e9', '1.5', '..']) {
      await page.goto(`/requests?offset=${encodeURIComponent(offset)}&back=~`);
      await expect(page.getByRole('status').filter({ hasText: FALLBACK_NOTICE }), offset).toBeVisible();
      await expect(page.getByText('Could not load connection requests.')).toHaveCount(0);
      await expect(page.getByText('Concur answered with an error')).toHaveCount(0);
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(11);
      await expect(pager.getByText('Page 1')).toBeVisible();
      // Only hydrated client code turns the last poll's time into "Concur polled … ago".
      await expect(page.getByText(/^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/)).toBeVisible();
    }

    await page.goto('/requests?offset=10&back=~');
    await expect(pager.getByText('Page 2')).toBeVisible();
    await expect(page.getByText(FALLBACK_NOTICE)).toHaveCount(0);
  });
});
