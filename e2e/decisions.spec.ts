import fs from 'node:fs';
import { type APIRequestContext, expect, type Page, type TestInfo, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { lastNameKey } from '@/lib/members/normalise';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/**
 * Deciding, end to end: an agent connects and fails requests with the keyboard and Concur (the
 * sandbox) records each outcome once; a bulk connect; claims; a viewer cannot decide. Tagged
 * @last: these change the Pending queue the list journeys page through.
 */

type WireRequest = { ID: string; LastName: string | null; LoyaltyNumber: string | null; Status: string };
type DemoMember = { member_id: string; last_name: string; loyalty_number: string };

const demoMembers = parse(fs.readFileSync('lib/members/demo-members.csv'), { columns: true }) as DemoMember[];
const memberByLoyalty = new Map(demoMembers.filter((m) => m.loyalty_number).map((m) => [m.loyalty_number, m]));

/** The member that is a full last name + loyalty number match for a request, if any. */
function fullMatch(item: WireRequest): DemoMember | undefined {
  const member = item.LoyaltyNumber ? memberByLoyalty.get(item.LoyaltyNumber) : undefined;
  return member && item.LastName && lastNameKey(member.last_name) === lastNameKey(item.LastName) ? member : undefined;
}

function sandbox(request: APIRequestContext, testInfo: TestInfo) {
  const { baseUrl, get: api } = sandboxApi(request, testInfo);
  return {
    /** Pending requests in queue order, from the first `pages` pages of 10. */
    async pending(pages: number): Promise<WireRequest[]> {
      const found: WireRequest[] = [];
      let path: string | null = '/api/v3.0/common/connectionrequests/?limit=10';
      for (let page = 0; path && page < pages; page += 1) {
        const body: { Items: WireRequest[]; NextPage: string | null } = await api(path);
        found.push(...body.Items);
        path = body.NextPage ? new URL(body.NextPage).pathname + new URL(body.NextPage).search : null;
      }
      return found;
    },
    /** The sandbox's own record of what was PUT for a request. */
    async outcomes(id: string): Promise<string[]> {
      const response = await request.get(`${baseUrl}/_sandbox/requests/${id}`);
      return ((await response.json()) as { outcomes: { code: string }[] }).outcomes.map((o) => o.code);
    },
  };
}

/** The detail page, hydrated: its keys work once the "Decide" panel's buttons are enabled. */
async function openForDecision(page: Page, id: string) {
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole('heading', { name: 'Member candidates' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled();
}

test.describe('Deciding @last', () => {
  test('an agent connects a request to the suggested member with the keyboard', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    const concur = sandbox(request, testInfo);
    // Far enough down the queue that the bulk test's first page is not touched.
    const candidates = (await concur.pending(8)).slice(20);
    const target = candidates.find((item) => fullMatch(item));
    if (!target) throw new Error('the demo data has no full match in the queue');
    const member = fullMatch(target);

    await signIn(page, 'agent');
    await openForDecision(page, target.ID);
    await expect(page.getByText(/Suggested: CRSUC/)).toBeVisible();
    await expect(page.getByRole('radio', { checked: true })).toHaveValue(member?.member_id ?? '');

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`member ${member?.member_id}`);
    await expect(dialog).toContainText('There is no undo');
    await expect(dialog.getByRole('button', { name: 'Send CRSUC' })).toBeFocused();
    await page.keyboard.press('Enter');

    const decide = page.getByRole('region', { name: 'Decide' });
    await expect(decide.getByRole('status')).toContainText('Connected. Concur emails the traveller');
    await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Connected');
    await expect(page.getByRole('region', { name: 'Decisions' })).toContainText('Sent');
    expect(await concur.outcomes(target.ID)).toEqual(['CRSUC']);

    // The traveller's tokens are stored against the member, and work.
    await page.getByRole('region', { name: 'Decisions' }).getByRole('link', { name: member?.member_id }).click();
    const connections = page.getByRole('region', { name: 'Concur connections' });
    await expect(connections).toContainText('Connected by Alex Agent');
    await expect(connections.getByRole('button', { name: 'Disconnect…' })).toHaveCount(0);
    await connections.getByRole('button', { name: 'Check connection' }).click();
    await expect(connections.getByRole('status')).toHaveText('It works.');

    // An admin ends it: the tokens are deleted, the history stays.
    const admin = await browser.newPage();
    try {
      await signIn(admin, 'admin', `/members/${member?.member_id}`);
      const adminView = admin.getByRole('region', { name: 'Concur connections' });
      await adminView.getByRole('button', { name: 'Disconnect…' }).click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await expect(adminView).toContainText('Disconnected by Ada Admin');
      await expect(adminView.getByRole('button', { name: 'Check connection' })).toHaveCount(0);
    } finally {
      await admin.close();
    }
  });

  test('an agent fails a request with CREU2', async ({ page, request }, testInfo) => {
    const concur = sandbox(request, testInfo);
    const target = (await concur.pending(8)).slice(40).find((item) => !fullMatch(item));
    if (!target) throw new Error('no Pending request without a full match');

    await signIn(page, 'agent');
    await openForDecision(page, target.ID);
    await page.getByLabel(/Note/).fill('Number on file belongs to someone else');
    await page.getByRole('button', { name: /Fail/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /CREU2/ }).check();
    await expect(dialog).toContainText('emails the traveller');
    await dialog.getByRole('button', { name: 'Send CREU2' }).click();

    await expect(page.getByRole('region', { name: 'Decide' }).getByRole('status')).toContainText('Failed with CREU2');
    const decisions = page.getByRole('region', { name: 'Decisions' });
    await expect(decisions).toContainText('Loyalty account does not match');
    await expect(decisions).toContainText('Number on file belongs to someone else');
    expect(await concur.outcomes(target.ID)).toEqual(['CREU2']);

    // On to the next Pending request nobody is reviewing, without the mouse.
    await page.keyboard.press('n');
    await expect(page).not.toHaveURL(new RegExp(`${target.ID}$`));
    await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled();
    await page.keyboard.press('u');
    await expect(page).toHaveURL(/\/requests$/);
  });

  test('a bulk connect of the full matches on a page', async ({ page, request }, testInfo) => {
    const concur = sandbox(request, testInfo);
    const firstPage = await concur.pending(1);
    const requestOfMember = new Map(
      firstPage.flatMap((item) => {
        const member = fullMatch(item);
        return member ? [[member.member_id, item.ID] as const] : [];
      }),
    );

    await signIn(page, 'agent');
    await expect(page.getByText(/Updated/)).toBeVisible();
    await page.getByRole('button', { name: 'Select all full matches' }).click();
    await page.getByRole('button', { name: 'Connect selected…' }).click();
    const dialog = page.getByRole('dialog');
    const items = dialog.getByRole('list', { name: 'Requests to connect' }).getByRole('listitem');
    // Full matches nobody else is reviewing (other journeys may hold a claim on one).
    const members = (await items.allTextContents()).map((text) => /member (M\d+)/.exec(text)?.[1] ?? '');
    expect(members.length, 'full matches on the first page of demo data').toBeGreaterThanOrEqual(2);
    for (const member of members) expect(requestOfMember.has(member), member).toBe(true);

    await dialog.getByRole('button', { name: `Send CRSUC for ${members.length}` }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Done: ${members.length} of ${members.length} connected.`);
    await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(members.length));
    await dialog.getByRole('button', { name: 'Done' }).click();

    const connected = members.map((member) => requestOfMember.get(member) ?? '');
    for (const id of connected) expect(await concur.outcomes(id), id).toEqual(['CRSUC']);
    // The list was asked again: the connected requests have left the Pending queue.
    const rowLinks = page.getByRole('table').getByRole('link');
    for (const id of connected) await expect(rowLinks.and(page.locator(`[href="/requests/${id}"]`))).toHaveCount(0);
  });

  test('an agent reviewing a request holds it; an admin sees who and can take over', async ({
    browser,
    request,
  }, testInfo) => {
    const concur = sandbox(request, testInfo);
    const target = (await concur.pending(8)).at(-1);
    if (!target) throw new Error('no Pending request');
    const agent = await browser.newPage();
    const admin = await browser.newPage();
    try {
      await signIn(agent, 'agent');
      await openForDecision(agent, target.ID);

      await signIn(admin, 'admin');
      await admin.goto(`/requests/${target.ID}`);
      await expect(admin.getByText('Being reviewed by Alex Agent')).toBeVisible();
      await expect(admin.getByRole('button', { name: /Retry later/ })).toBeDisabled();
      await admin.getByRole('button', { name: 'Take over' }).click();
      await expect(admin.getByText('Being reviewed by Alex Agent')).toBeHidden();
      await expect(admin.getByRole('button', { name: /Retry later/ })).toBeEnabled();

      await agent.reload();
      await expect(agent.getByText('Being reviewed by Ada Admin')).toBeVisible();
    } finally {
      await agent.close();
      await admin.close();
    }
  });

  test('a viewer cannot decide', async ({ page, request }, testInfo) => {
    const [first] = await sandbox(request, testInfo).pending(1);
    if (!first) throw new Error('no Pending request');
    await signIn(page, 'viewer');
    await expect(page.getByText(/Updated/)).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await page.goto(`/requests/${first.ID}`);
    await expect(page.getByText('Your role can look at requests but not decide them.')).toBeVisible();
    await expect(page.getByRole('button', { name: /Connect|Fail|Retry/ })).toHaveCount(0);
  });
});
