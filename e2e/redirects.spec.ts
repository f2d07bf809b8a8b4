import { expect, test } from '@playwright/test';
import { serverActionId } from '@/scripts/lib/action-manifest';
import { serverActionRequest } from '@/scripts/lib/server-action';
import { E2E_PASSWORD, e2eStaff } from './support/staff';

/** `next` values that read as our own paths, or nearly, but point a naive redirect elsewhere. */
const attacks = ['/.//evil.example', '/..//evil.example', '/%2e%2e//evil.example', '/\\evil.example'];

test.describe('Redirects stay home', () => {
  for (const attack of attacks) {
    test(`signing in with next=${attack} lands on our own request list`, async ({ page, baseURL }) => {
      const ownHost = new URL(baseURL ?? '').host;
      // Should the browser be sent away, it sees a page that says so rather than a DNS error.
      await page.context().route(
        (url) => url.host !== ownHost,
        (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Another site</h1>' }),
      );
      await page.goto(`/sign-in?next=${encodeURIComponent(attack)}`);
      await page.getByLabel('Email').fill(e2eStaff.viewer.email);
      await page.getByLabel('Password').fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(`${baseURL}/requests`);
      await expect(page.getByRole('heading', { name: 'Pending connection requests' })).toBeVisible();
      expect(new URL(page.url()).host).toBe(ownHost);
    });
  }
});

test.describe('A server action from another site', () => {
  const refusal = /^This request came from another site and was refused\./;

  function callListRequests(request: import('@playwright/test').APIRequestContext, origin: string) {
    const { headers, body } = serverActionRequest(serverActionId('lib/requests/actions.ts#listRequests'), [{}], origin);
    return request.post('/requests', { headers, data: body, maxRedirects: 0 });
  }

  test('is refused with a 403 and a plain message; from our own origin it runs', async ({ request, baseURL }) => {
    const foreign = await callListRequests(request, 'https://evil.example');
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()['content-type']).toMatch(/^text\/plain/);
    expect(await foreign.text()).toMatch(refusal);

    // The action itself answers: no session here, so it says so.
    const own = await callListRequests(request, baseURL ?? '');
    expect(own.status()).not.toBe(403);
    const body = await own.text();
    expect(body).not.toMatch(refusal);
    expect(body).toContain('unauthenticated');
  });

  test('a plain form posted to a page from another site is refused the same way', async ({ request }) => {
    const answer = await request.post('/sign-in', {
      headers: { Origin: 'https://evil.example' },
      multipart: { email: e2eStaff.viewer.email, password: E2E_PASSWORD },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toMatch(refusal);
  });
});
