import { type APIRequestContext, expect, type Page, type TestInfo, test } from '@playwright/test';
import { maskEmail } from '@/lib/masking/mask';
import { freshRequests } from './support/fresh-requests';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/** A connection request as the sandbox sends it (API v3.2 JSON), secrets included. */
type WireRequest = {
  ID: string;
  lastName: string | null;
  loyaltyNumber: string | null;
  requestToken: string | null;
  emailAddresses?: Record<string, string | null> | null;
};

const emailsOf = (item: WireRequest) =>
  Object.values(item.emailAddresses ?? {}).filter((email): email is string => Boolean(email));

/** The sandbox asked directly, with an app token, for the raw values the app must keep to itself. */
function sandbox(request: APIRequestContext, testInfo: TestInfo) {
  const { get: api, addFault, faults } = sandboxApi(request, testInfo);
  const fresh = freshRequests(request, testInfo);

  /** Walked from the head of the queue as the poller walks it: nobody here reads a request by id. */
  async function wireOf(id: string): Promise<WireRequest> {
    for (let offset = 0; ; offset += 10) {
      const page = await api<{ Items: WireRequest[]; NextPage: string | null }>(
        `/api/v3.2/common/connectionrequests/?limit=10&offset=${offset}`,
      );
      const item = page.Items.find((candidate) => candidate.ID === id);
      if (item) return item;
      if (!page.NextPage) throw new Error(`request ${id} is not in the sandbox's Pending queue`);
    }
  }

  return {
    /**
     * A Pending request of this test's own, with a loyalty number and two emails, as the poller
     * is given it (a token is repeated until it is a day old), so its request token is the app's too.
     */
    async freshPending(): Promise<WireRequest> {
      return wireOf((await fresh.makeOne()).id);
    },
    addFault,
    faults,
  };
}

/** The value of a term in the detail's definition list: terms and values come in pairs, in order. */
/** The value beside a term; waits out a refresh that re-renders the list. */
async function field(page: Page, term: string) {
  await expect(page.getByRole('term').filter({ hasText: term }).first()).toBeVisible();
  const terms = await page.getByRole('term').allInnerTexts();
  expect(terms, `the term ${term}`).toContain(term);
  return page.getByRole('definition').nth(terms.indexOf(term));
}
const history = (page: Page) => page.getByRole('list', { name: 'History' });

async function openDetail(page: Page, id: string) {
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
}

test.describe('Request detail', () => {
  test('a viewer sees the request masked, with no way to reveal, and their view in the history', async ({
    page,
    request,
  }, testInfo) => {
    await signIn(page, 'viewer');
    await expect(page.getByRole('heading', { name: 'Pending connection requests' })).toBeVisible();
    const first = await sandbox(request, testInfo).freshPending();
    await openDetail(page, first.ID);

    await expect(page.getByRole('heading', { level: 1 })).toContainText(first.lastName ?? '');
    await expect(await field(page, 'Request ID')).toHaveText(first.ID);
    await expect(await field(page, 'Loyalty number')).toHaveText(/^(•••\w{0,4}|none)$/);
    for (const [index, email] of emailsOf(first).entries()) {
      await expect(await field(page, `Email ${index + 1}`)).toHaveText(maskEmail(email));
    }
    await expect(page.getByRole('button', { name: /^(Reveal|Hide)/ })).toHaveCount(0);
    // Only hydrated client code turns the server's UTC timestamp into a relative time.
    await expect(await field(page, 'Last modified')).toHaveText(/ago$|just now|yesterday/);
    await expect(history(page)).toContainText('Vic Viewer viewed the request');

    await page.reload();
    await expect(history(page).getByText('Vic Viewer viewed the request')).toHaveCount(1);
  });

  test('an agent reveals the loyalty number for a reason, and the reveal shows in the history', async ({
    page,
    request,
  }, testInfo) => {
    const wanted = await sandbox(request, testInfo).freshPending();
    await signIn(page, 'agent');
    await openDetail(page, wanted.ID);
    const loyalty = await field(page, 'Loyalty number');
    await expect(loyalty).not.toContainText(wanted.loyaltyNumber ?? '');

    await page.getByRole('button', { name: 'Reveal loyalty number' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reveal loyalty number' });
    await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose why you need to see it.');
    await dialog.getByRole('radio', { name: 'Matching the request to a member' }).check();
    await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();

    await expect(dialog).toBeHidden();
    await expect(loyalty).toContainText(wanted.loyaltyNumber ?? 'missing');
    await expect(loyalty.getByRole('status')).toContainText('recorded in the audit log');
    await expect(history(page)).toContainText('Alex Agent revealed the loyalty number');
    await expect(history(page)).toContainText('Reason: Matching the request to a member');

    await page.getByRole('button', { name: 'Hide loyalty number' }).click();
    await expect(loyalty).not.toContainText(wanted.loyaltyNumber ?? '');
    await expect(page.getByRole('button', { name: 'Reveal loyalty number' })).toBeFocused();
  });

  test('no request token, and no raw email but the one revealed, reaches the browser', async ({
    page,
    request,
  }, testInfo) => {
    const api = sandbox(request, testInfo);
    const wanted = await api.freshPending();
    const id = wanted.ID;
    const [first, revealed, ...others] = emailsOf(wanted);
    const { requestToken, loyaltyNumber } = wanted;
    if (!first || !revealed || !requestToken || !loyaltyNumber) throw new Error('the sandbox request lacks a value');

    await signIn(page, 'agent');
    let phase = 'before' as 'before' | 'after';
    const bodies: { phase: typeof phase; text: Promise<string> }[] = [];
    page.on('response', (response) => {
      bodies.push({ phase, text: response.text().catch(() => '') });
    });
    await openDetail(page, id);
    await page.getByRole('button', { name: 'Reveal email 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reveal email 2' });
    await dialog.getByRole('radio', { name: 'Checking for a typo' }).check();
    phase = 'after';
    await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(await field(page, 'Email 2')).toContainText(revealed);
    await expect(history(page)).toContainText('Alex Agent revealed email 2');
    await expect(await field(page, 'Email 1')).toContainText(maskEmail(first));

    const before = (await Promise.all(bodies.filter((b) => b.phase === 'before').map((b) => b.text))).join('\n');
    const after = (await Promise.all(bodies.filter((b) => b.phase === 'after').map((b) => b.text))).join('\n');
    expect(before).toContain('Details');
    for (const secret of [requestToken, loyaltyNumber, first, ...others]) {
      expect(before).not.toContain(secret);
      expect(after).not.toContain(secret);
    }
    expect(before).not.toContain(revealed);
  });

  test('an unknown or malformed id shows the not-found state, with a way back @once', async ({ page }) => {
    await signIn(page, 'viewer');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not%20an%20id']) {
      await page.goto(`/requests/${id}`);
      await expect(page.getByRole('heading', { name: 'Connection request not found' })).toBeVisible();
      await expect(
        page.getByText(
          "No connection request with this ID has been seen in Concur's queue. A request created in Concur moments ago appears after the next poll.",
        ),
      ).toBeVisible();
    }
    await page.getByRole('link', { name: 'Back to requests' }).click();
    await expect(page).toHaveURL(/\/requests$/);
    await expect(page.getByRole('heading', { name: 'Pending connection requests' })).toBeVisible();
  });

  test('the page is read from our ledger: Concur failing every read by id changes nothing', async ({
    page,
    request,
  }, testInfo) => {
    const api = sandbox(request, testInfo);
    // A request of its own, so the fault meets only calls about it: a list's path never names one.
    const wanted = await api.freshPending();
    const { id: faultId } = await api.addFault({ kind: 'status-503', count: 4, pathIncludes: wanted.ID });
    await signIn(page, 'viewer');
    await openDetail(page, wanted.ID);
    await expect(await field(page, 'Request ID')).toHaveText(wanted.ID);
    await expect(page.getByText(/^In Concur's queue, as Concur had it at the last poll, \d{1,2}:\d{2}/)).toBeVisible();
    const fault = (await api.faults()).find((candidate) => candidate.id === faultId);
    expect(fault?.fired, 'reads of this request by id').toBe(0);
  });
});
