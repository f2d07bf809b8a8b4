import fs from 'node:fs';
import { type APIRequestContext, expect, type Page, type TestInfo, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Db } from '@/lib/db';
import { withServerDb } from './support/database';
import { freshRequests, type TravellerWish } from './support/fresh-requests';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/**
 * Deciding, end to end: an agent connects and fails requests with the keyboard and Concur (the
 * sandbox) records each outcome once; a bulk connect; claims; a viewer cannot decide. Each test
 * decides fresh requests of its own, at the back of the queue, so the list journeys paging
 * through its head run alongside.
 */

type DemoMember = { member_id: string; last_name: string; loyalty_number: string };

const demoMembers = parse(fs.readFileSync('lib/members/demo-members.csv'), { columns: true }) as DemoMember[];
const membersPerNumber = new Map<string, number>();
for (const { loyalty_number: number } of demoMembers) {
  membersPerNumber.set(number, (membersPerNumber.get(number) ?? 0) + 1);
}

/**
 * Demo members for fresh requests to match in full: each the only member with its loyalty
 * number, and never connected on this server, so their page shows only this journey's connection.
 */
async function unconnectedMembers(testInfo: TestInfo, count: number): Promise<DemoMember[]> {
  const connections = (db: Db) => db.selectFrom('traveller_connection').select('member_id').execute();
  const connected = new Set((await withServerDb(testInfo, connections)).map((row) => row.member_id));
  const members = demoMembers
    .filter((m) => m.loyalty_number && membersPerNumber.get(m.loyalty_number) === 1)
    .filter((m) => !connected.has(m.member_id))
    .slice(0, count);
  if (members.length < count) throw new Error(`fewer than ${count} demo members have no connection yet`);
  return members;
}

/** A traveller whose last name and loyalty number are the member's. */
const fullMatchOf = (member: DemoMember): TravellerWish => ({
  lastName: member.last_name,
  loyaltyNumber: member.loyalty_number,
});

function sandbox(request: APIRequestContext, testInfo: TestInfo) {
  const { request: record } = sandboxApi(request, testInfo);
  return {
    /** The sandbox's own record of what was PUT for a request. */
    async outcomes(id: string): Promise<string[]> {
      return (await record(id)).outcomes.map((o) => o.code);
    },
  };
}

/** The detail page, hydrated: its keys work once the "Decide" panel's buttons are enabled. */
async function openForDecision(page: Page, id: string) {
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole('heading', { name: 'Member candidates' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled();
}

test.describe('Deciding', () => {
  test('an agent connects a request to the suggested member with the keyboard', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    const concur = sandbox(request, testInfo);
    const [member] = await unconnectedMembers(testInfo, 1);
    if (!member) throw new Error('no demo member to connect');
    const target = await freshRequests(request, testInfo).makeOne(fullMatchOf(member));

    await signIn(page, 'agent');
    await openForDecision(page, target.id);
    await expect(page.getByText(/Suggested: CRSUC/)).toBeVisible();
    await expect(page.getByRole('radio', { checked: true })).toHaveValue(member.member_id);

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`member ${member.member_id}`);
    await expect(dialog).toContainText('There is no undo');
    await expect(dialog.getByRole('button', { name: 'Send CRSUC' })).toBeFocused();
    await page.keyboard.press('Enter');

    const decide = page.getByRole('region', { name: 'Decide' });
    await expect(decide.getByRole('status')).toContainText('Connected. Concur emails the traveller');
    await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Connected');
    await expect(page.getByRole('region', { name: 'Decisions' })).toContainText('Sent');
    expect(await concur.outcomes(target.id)).toEqual(['CRSUC']);

    // The traveller's tokens are stored against the member, and work.
    await page.getByRole('region', { name: 'Decisions' }).getByRole('link', { name: member.member_id }).click();
    const connections = page.getByRole('region', { name: 'Concur connections' });
    await expect(connections).toContainText('Connected by Alex Agent');
    await expect(connections.getByRole('button', { name: 'Disconnect…' })).toHaveCount(0);
    await connections.getByRole('button', { name: 'Check connection' }).click();
    await expect(connections.getByRole('status')).toHaveText('It works.');

    // An admin ends it: the tokens are deleted, the history stays.
    const admin = await browser.newPage();
    try {
      await signIn(admin, 'admin', `/members/${member.member_id}`);
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
    const target = await freshRequests(request, testInfo).makeOne();

    await signIn(page, 'agent');
    await openForDecision(page, target.id);
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
    expect(await concur.outcomes(target.id)).toEqual(['CREU2']);

    // On to the next Pending request nobody is reviewing, without the mouse.
    await page.keyboard.press('n');
    await expect(page).not.toHaveURL(new RegExp(`${target.id}$`));
    await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled();
    await page.keyboard.press('u');
    await expect(page).toHaveURL(/\/requests$/);
  });

  test('a bulk connect of the full matches on a page', async ({ page, request }, testInfo) => {
    const concur = sandbox(request, testInfo);
    const fresh = freshRequests(request, testInfo);
    // A page of five of its own, side by side in the queue: three full matches and two others.
    const matched = await unconnectedMembers(testInfo, 3);
    const ours = await fresh.make([...matched.map(fullMatchOf), {}, {}]);
    const requestOfMember = new Map(
      ours.flatMap((item) => {
        const member = matched.find((m) => m.loyalty_number === item.loyaltyNumber);
        return member ? [[member.member_id, item.id] as const] : [];
      }),
    );

    await signIn(page, 'agent', await fresh.pageOf(ours));
    await expect(page.getByText(/^Concur polled /)).toBeVisible();
    const rowLinks = page.getByRole('table').getByRole('link');
    for (const item of ours) {
      await expect(rowLinks.and(page.getByRole('link', { name: item.displayName, exact: true }))).toBeVisible();
    }
    await page.getByRole('button', { name: 'Select all full matches' }).click();
    await page.getByRole('button', { name: 'Connect selected…' }).click();
    const dialog = page.getByRole('dialog');
    const items = dialog.getByRole('list', { name: 'Requests to connect' }).getByRole('listitem');
    // The full matches on the page, which holds only this test's requests.
    const members = (await items.allTextContents()).map((text) => /member (M\d+)/.exec(text)?.[1] ?? '');
    expect(members.length, 'full matches on this page of fresh requests').toBeGreaterThanOrEqual(2);
    for (const member of members) expect(requestOfMember.has(member), member).toBe(true);

    await dialog.getByRole('button', { name: `Send CRSUC for ${members.length}` }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Done: ${members.length} of ${members.length} connected.`);
    await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(members.length));
    await dialog.getByRole('button', { name: 'Done' }).click();

    const connected = members.map((member) => requestOfMember.get(member) ?? '');
    for (const id of connected) expect(await concur.outcomes(id), id).toEqual(['CRSUC']);
    // The list was asked again: the connected requests have left the Pending queue.
    for (const id of connected) await expect(rowLinks.and(page.locator(`[href="/requests/${id}"]`))).toHaveCount(0);
  });

  test('an agent reviewing a request holds it; an admin sees who and can take over', async ({
    browser,
    request,
  }, testInfo) => {
    const target = await freshRequests(request, testInfo).makeOne();
    const agent = await browser.newPage();
    const admin = await browser.newPage();
    try {
      await signIn(agent, 'agent');
      await openForDecision(agent, target.id);

      await signIn(admin, 'admin');
      await admin.goto(`/requests/${target.id}`);
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

  test('a viewer cannot decide @once', async ({ page, request }, testInfo) => {
    const target = await freshRequests(request, testInfo).makeOne();
    await signIn(page, 'viewer');
    await expect(page.getByText(/^Concur polled /)).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await page.goto(`/requests/${target.id}`);
    await expect(page.getByText('Your role can look at requests but not decide them.')).toBeVisible();
    await expect(page.getByRole('button', { name: /Connect|Fail|Retry/ })).toHaveCount(0);
  });
});
