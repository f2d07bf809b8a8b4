import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Db } from '@/lib/db';
import { changeMatcherSettings } from '@/lib/matcher/admin';
import { withServerDb } from './support/database';
import { freshRequests } from './support/fresh-requests';
import { sandboxApi } from './support/sandbox-api';
import { signIn } from './support/staff';

/**
 * The automatic matcher, end to end: an admin switches the policy to auto with a short hold on
 * the Settings page; Auto-match holds a connect for each fresh request that fully matches a
 * member; an agent overrides one of them to a fail before its hold ends. Concur (the sandbox)
 * records the fail and never the connect, while the held connect left alone goes once its
 * hold ends.
 *
 * @alone: auto decides every request its rules cover, other journeys' too. @once: the
 * compare-and-set the override rests on is tested on both databases in tests/matcher.test.ts.
 */

type DemoMember = { member_id: string; first_name: string; last_name: string; loyalty_number: string };
const demoMembers = parse(fs.readFileSync('lib/members/demo-members.csv'), { columns: true }) as DemoMember[];

/** Demo members with a loyalty number of their own and no connection yet: a fresh request with their names and number is a clean full match. */
async function untouchedMembers(db: Db, count: number): Promise<DemoMember[]> {
  const [connected, numbers] = await Promise.all([
    db.selectFrom('traveller_connection').select('member_id').execute(),
    db.selectFrom('member').select(['loyalty_number']).execute(),
  ]);
  const taken = new Set(connected.map((row) => row.member_id));
  const perNumber = new Map<string, number>();
  for (const { loyalty_number: number } of numbers) if (number) perNumber.set(number, (perNumber.get(number) ?? 0) + 1);
  const members = demoMembers
    .filter((m) => m.loyalty_number && perNumber.get(m.loyalty_number) === 1 && !taken.has(m.member_id))
    .reverse()
    .slice(0, count);
  if (members.length < count) throw new Error(`fewer than ${count} demo members are free to match`);
  return members;
}

const shadowAgain = (db: Db) =>
  changeMatcherSettings(db, { matcher: { policy: null, holdMs: null } }, 'e2e-cleanup', {
    policy: 'shadow',
    holdMs: 10 * 60_000,
  });

test.describe('Auto-match @alone @once', () => {
  test('an admin switches to auto with a short hold; an agent overrides one held connect to a fail; Concur records the fail, not the connect', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    const sandbox = sandboxApi(request, testInfo);
    const outcomes = async (id: string) => (await sandbox.request(id)).outcomes.map((o) => o.code);
    const [overridden, leftAlone] = await withServerDb(testInfo, (db) => untouchedMembers(db, 2));
    if (!overridden || !leftAlone) throw new Error('no demo members to match');

    try {
      await signIn(page, 'admin');
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { name: 'Auto-match', exact: true })).toBeVisible();
      await page.getByRole('radio', { name: 'Auto' }).check();
      await page.getByLabel('Hold window (minutes)').fill('3');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('Auto');

      const [target, other] = await freshRequests(request, testInfo).make([
        { firstName: overridden.first_name, lastName: overridden.last_name, loyaltyNumber: overridden.loyalty_number },
        { firstName: leftAlone.first_name, lastName: leftAlone.last_name, loyaltyNumber: leftAlone.loyalty_number },
      ]);
      if (!target || !other) throw new Error('no fresh requests');

      const agent = await browser.newPage();
      try {
        await signIn(agent, 'agent', `/requests/${target.id}`);
        const panel = agent.getByRole('region', { name: 'Auto-match' });
        // The matcher judges what the poll brought within a second; the page shows it on its next read.
        await expect(async () => {
          await agent.reload();
          await expect(panel).toContainText(`will connect this request to ${overridden.member_id}`, { timeout: 1000 });
        }).toPass({ timeout: 20_000 });
        await expect(panel.getByRole('button', { name: 'Send now' })).toBeVisible();

        await agent.getByRole('button', { name: /Fail/ }).click();
        const dialog = agent.getByRole('dialog');
        await dialog.getByRole('radio', { name: /CREU1/ }).check();
        await expect(dialog).toContainText(`overrides Auto-match's connect to ${overridden.member_id}`);
        await dialog.getByRole('button', { name: 'Send CREU1' }).click();
        await expect(agent.getByRole('region', { name: 'Decide' }).getByRole('status')).toContainText('CREU1');
      } finally {
        await agent.close();
      }
      expect(await outcomes(target.id)).toEqual(['CREU1']);

      // The other held connect's hold ends (moved forward here rather than waited for): it goes,
      // and the overridden one still never does.
      await withServerDb(testInfo, (db) =>
        db
          .updateTable('decision')
          .set({ hold_until: new Date().toISOString() })
          .where('send_state', '=', 'held')
          .where('request_id', 'in', [target.id, other.id])
          .execute(),
      );
      await expect.poll(() => outcomes(other.id), { timeout: 15_000 }).toEqual(['CRSUC']);
      expect(await outcomes(target.id)).toEqual(['CREU1']);

      // The request's history says who did what.
      await page.goto(`/requests/${target.id}`);
      const history = page.getByRole('region', { name: /History/ });
      await expect(history).toContainText('Auto-match decided automatically, held for staff to override');
      await expect(history).toContainText('overrode the automatic decision');
    } finally {
      // Whatever happened, the other journeys find the default again: shadow, nothing held.
      await withServerDb(testInfo, shadowAgain);
    }
  });
});
