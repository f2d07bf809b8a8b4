import { expect, type Page, test } from '@playwright/test';
import { queuePage } from '@/lib/ledger/store';
import { withServerDb } from './support/database';
import { freshRequests } from './support/fresh-requests';
import { decideInConcur, sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/**
 * Every screen reads our ledger of Concur's queue and our own records, never Concur: the poller
 * walks the queue (every 5 s here, and when someone asks), and the app never reads a request by
 * id nor asks Concur's list for a status, which Concur's current docs rule out in production.
 */

/** Only hydrated client code turns the server's UTC time of the last poll into a relative one. */
const POLLED = /^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/;

const uniqueTag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The detail page, hydrated: its keys work once the "Decide" panel's buttons are enabled. */
async function openForDecision(page: Page, id: string) {
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole('heading', { name: 'Member candidates' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled();
}

test.describe('The ledger of Concur’s queue', () => {
  test('the list says when Concur was last polled, and only admins may ask for a poll now', async ({
    page,
    browser,
  }, testInfo) => {
    await signIn(page, 'viewer');
    const polled = page.getByText(POLLED);
    await expect(polled).toBeVisible();
    const at = Date.parse((await polled.locator('time').getAttribute('datetime')) ?? '');
    expect(Date.now() - at, 'the last poll, at most a minute ago').toBeLessThan(60_000);
    await expect(page.getByRole('button', { name: 'Poll now' })).toHaveCount(0);

    const admin = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
    try {
      await signIn(admin, 'admin');
      await expect(admin.getByText(POLLED)).toBeVisible();
      await expect(admin.getByRole('button', { name: 'Poll now' })).toBeVisible();
    } finally {
      await admin.close();
    }
  });

  test('a request new in Concur shows once an admin asks for a poll, without a reload', async ({
    page,
    request,
  }, testInfo) => {
    // The back of the queue as the ledger has it now: the new request lands on this page.
    const { total } = await withServerDb(testInfo, (db) => queuePage(db, { offset: 0, limit: 1 }));
    await signIn(page, 'admin', `/requests?offset=${Math.max(0, total - 5)}`);
    await expect(page.getByText(POLLED)).toBeVisible();

    const tag = uniqueTag();
    const traveller = { firstName: `Fresh-${tag}`, lastName: `Unpolled-${tag}`, loyaltyNumber: null };
    await sandboxApi(request, testInfo).addRequests([traveller]);
    const row = page.getByRole('link', { name: `${traveller.lastName}, ${traveller.firstName}`, exact: true });
    await expect(row, 'a request no poll has seen yet').toHaveCount(0);

    await page.getByRole('button', { name: 'Poll now' }).click();
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(POLLED)).toBeVisible();
  });

  test('Processing, Connected, Failed and Retry come from our own records, never from Concur', async ({
    page,
    request,
  }, testInfo) => {
    const sandbox = sandboxApi(request, testInfo);
    const before = await sandbox.calls();
    const target = await freshRequests(request, testInfo).makeOne();

    await signIn(page, 'agent');
    await openForDecision(page, target.id);
    await page.getByRole('button', { name: /Fail/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /CREU1/ }).check();
    await dialog.getByRole('button', { name: 'Send CREU1' }).click();
    await expect(page.getByRole('region', { name: 'Decide' }).getByRole('status')).toContainText('Failed with CREU1');
    expect((await sandbox.request(target.id)).outcomes.map((outcome) => outcome.code)).toEqual(['CREU1']);

    await page.goto('/requests');
    await page.getByRole('navigation', { name: 'Status' }).getByRole('link', { name: 'Failed' }).click();
    const failed = page.getByRole('table', { name: 'Failed connection requests, masked' });
    const row = failed.getByRole('row').filter({ has: page.getByRole('link', { name: target.displayName }) });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Failed', exact: true })).toBeVisible();
    await expect(row).toContainText('Decided CREU1 by Alex Agent');

    const after = await sandbox.calls();
    expect(after.getById.count, 'reads of a request by id').toBe(before.getById.count);
    expect(after.list.withStatus, 'lists asked for a status').toBe(0);
    expect(after.list.count, 'the poller walks the queue').toBeGreaterThan(before.list.count);
  });

  test('the detail page reads the ledger, and its Refresh shows what a poll found', async ({
    page,
    request,
  }, testInfo) => {
    const sandbox = sandboxApi(request, testInfo);
    const before = await sandbox.calls();
    const target = await freshRequests(request, testInfo).makeOne();
    await signIn(page, 'agent');
    await openForDecision(page, target.id);
    await expect(page.getByText(/^In Concur's queue, as Concur had it at the last poll, \d{1,2}:\d{2}/)).toBeVisible();

    // Decided elsewhere: the request leaves Concur's queue without a PUT of ours.
    await decideInConcur(request, testInfo, target.id, 'CREU1');
    const decide = page.getByRole('region', { name: 'Decide' });
    const gone = decide.getByText(
      /^This request left Concur's queue at .+ without a decision of ours \(decided elsewhere, or it expired\)\.$/,
    );
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Polling Concur…' })).toBeVisible();
      // A poll that met the queue moving proves no absence: the next clean one does.
      await expect(gone).toBeVisible({ timeout: 15_000 });
    }).toPass({ timeout: 50_000 });
    await expect(decide.getByRole('button', { name: /Retry later/ })).toBeDisabled();
    await expect(page.getByText(/^Left Concur's queue at \d{1,2}:\d{2}.* without a decision of ours\.$/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'History' })).toContainText(
      "Concur's queue no longer had the request, without a decision of ours",
    );

    const after = await sandbox.calls();
    expect(after.getById.count, 'reads of a request by id').toBe(before.getById.count);
    expect(after.list.withStatus, 'lists asked for a status').toBe(0);
  });
});
