import fs from 'node:fs/promises';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import type { AuditAction } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { withServerDb } from './support/database';
import { freshRequests } from './support/fresh-requests';
import { type E2eStaffKey, e2eStaff, signIn } from './support/staff';

/** A whole email address; a masked one (j•••@e•••.com) is not. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/** A request id no other journey uses, so this test's filter meets only its own events. */
const uniqueRequestId = () => `e2e-audit-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function staffIds(testInfo: TestInfo): Promise<Record<E2eStaffKey, string>> {
  const rows = await withServerDb(testInfo, (db) =>
    db
      .selectFrom('user')
      .select(['id', 'email'])
      .where(
        'email',
        'in',
        Object.values(e2eStaff).map((member) => member.email),
      )
      .execute(),
  );
  const idOf = (who: E2eStaffKey) => rows.find((row) => row.email === e2eStaff[who].email)?.id ?? 'missing';
  return Object.fromEntries(Object.keys(e2eStaff).map((who) => [who, idOf(who as E2eStaffKey)])) as Record<
    E2eStaffKey,
    string
  >;
}

type Seeded = { who: E2eStaffKey; action: AuditAction; detail?: Record<string, string> };

/** Events on one request, recorded straight into the server's database a second apart, newest last. */
async function seed(testInfo: TestInfo, requestId: string, events: Seeded[]): Promise<void> {
  const ids = await staffIds(testInfo);
  const start = Date.now() - events.length * 1000;
  await withServerDb(testInfo, async (db) => {
    for (const [index, event] of events.entries()) {
      await recordAuditEvent(
        db,
        {
          actor: ids[event.who],
          action: event.action,
          subjectType: 'request',
          subjectId: requestId,
          detail: event.detail,
        },
        new Date(start + index * 1000),
      );
    }
  });
}

const results = (page: Page) => page.getByRole('table', { name: 'Audit events, newest first' });
const resultRows = (page: Page) =>
  results(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
/** One column's text, row by row. */
async function column(page: Page, index: number): Promise<string[]> {
  const rows = await resultRows(page).all();
  return Promise.all(rows.map(async (row) => (await row.getByRole('cell').nth(index).textContent())?.trim() ?? ''));
}

/** The CSV the "Export CSV" link downloads, as lines of cells (no cell here holds a comma or line break). */
async function downloadCsv(page: Page): Promise<{ filename: string; lines: string[][] }> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  const text = (await fs.readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  return {
    filename: file.suggestedFilename(),
    lines: text
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(',')),
  };
}

test.describe('Audit log', () => {
  test('an admin filters by staff member and category, and pages through the matches', async ({ page }, testInfo) => {
    const requestId = uniqueRequestId();
    const ids = await staffIds(testInfo);
    await seed(testInfo, requestId, [
      ...Array.from({ length: 27 }, (_, i): Seeded => {
        return i % 3 === 0
          ? { who: 'agent', action: 'request.value-revealed', detail: { field: 'email1', reason: 'correct-typo' } }
          : { who: 'agent', action: 'request.viewed' };
      }),
      { who: 'admin', action: 'request.viewed' },
      { who: 'agent', action: 'decision.resend-requested', detail: { decisionId: 'd-1' } },
    ]);

    await signIn(page, 'admin', '/audit');
    await page.getByLabel('Who').selectOption({ label: e2eStaff.agent.name });
    await page.getByLabel('What').selectOption({ label: 'All reveals & views' });
    await page.getByLabel('Request ID').fill(requestId);
    await page.getByRole('button', { name: 'Apply filters' }).click();

    // Only hydrated code leaves the empty date fields out of the URL; the plain form would keep them.
    await expect(page).toHaveURL(new RegExp(`/audit\\?who=${ids.agent}&what=reveals-and-views&request=${requestId}$`));
    await expect(page.getByText('27 events, showing 1–25')).toBeVisible();
    await expect(resultRows(page)).toHaveCount(25);
    const pager = page.getByRole('navigation', { name: 'Pages' });
    await expect(pager.getByText('Page 1 of 2')).toBeVisible();
    await expect(pager.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
    expect(new Set(await column(page, 1))).toEqual(new Set([e2eStaff.agent.name]));
    expect(new Set(await column(page, 2))).toEqual(new Set(['Viewed the request', 'Revealed email 1']));
    await expect(
      results(page)
        .getByRole('row', { name: /Revealed email 1/ })
        .first(),
    ).toContainText('Reason: Checking for a typo');
    await expect(results(page).getByRole('link', { name: requestId }).first()).toHaveAttribute(
      'href',
      `/requests/${requestId}`,
    );
    // Hydrated, the times are in the viewer's own zone; the server can only write UTC.
    await expect(resultRows(page).first().getByRole('cell').first()).not.toHaveText(/UTC$/);

    await pager.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/&page=2$/);
    await expect(pager.getByText('Page 2 of 2')).toBeVisible();
    await expect(resultRows(page)).toHaveCount(2);
    await expect(page.getByLabel('Who')).toHaveValue(ids.agent);
    await expect(page.getByLabel('Request ID')).toHaveValue(requestId);
    await pager.getByRole('link', { name: 'Previous page' }).click();
    await expect(pager.getByText('Page 1 of 2')).toBeVisible();

    // The export carries the filter and holds every page of it.
    const { filename, lines } = await downloadCsv(page);
    expect(filename).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = lines;
    expect(header).toEqual(['When (UTC)', 'Who', 'What', 'Request ID', 'Details', 'Action']);
    expect(rows).toHaveLength(27);
    for (const row of rows) {
      expect(row[1]).toBe(e2eStaff.agent.name);
      expect(row[3]).toBe(requestId);
      expect(['request.viewed', 'request.value-revealed']).toContain(row[5]);
    }

    // A stale bookmark past the end opens the last page.
    await page.goto(`/audit?who=${ids.agent}&what=reveals-and-views&request=${requestId}&page=9`);
    await expect(pager.getByText('Page 2 of 2')).toBeVisible();
    await expect(resultRows(page)).toHaveCount(2);

    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByLabel('Request ID')).toHaveValue('');
  });

  test('the CSV of a real reveal names the field and the reason, and holds no email address', async ({
    page,
    request,
  }, testInfo) => {
    // A request of its own with emails: the reveals of it filtered for are this test's alone.
    const fresh = freshRequests(request, testInfo);
    const mine = await fresh.makeOne();
    await signIn(page, 'admin', await fresh.listPageOf(mine.id));
    const table = page.getByRole('table');
    // Its own row, wherever others' decisions moved it on the page.
    await expect(table.getByRole('link', { name: mine.displayName, exact: true })).toBeVisible();
    // A request with at least one verified email: that column counts them.
    const emailColumn = (await table.getByRole('columnheader').allTextContents()).indexOf('Verified emails');
    const link = page.getByRole('link', { name: mine.displayName, exact: true });
    const row = table.getByRole('row').filter({ has: link });
    const emailCount = Number(await row.getByRole('cell').nth(emailColumn).textContent());
    expect(emailCount, 'a Pending request of its own with an email').toBeGreaterThan(0);
    await link.click();
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
    const requestId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    await page.getByRole('button', { name: 'Reveal email 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reveal email 1' });
    await dialog.getByRole('radio', { name: 'Checking for a typo' }).check();
    await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(dialog).toBeHidden();
    const terms = (await page.getByRole('term').allTextContents()).map((term) => term.trim());
    const emailOne = page.getByRole('definition').nth(terms.indexOf('Email 1'));
    await expect(emailOne).toContainText(EMAIL);
    const revealed = EMAIL.exec((await emailOne.textContent()) ?? '')?.[0] ?? 'missing';

    await page.goto(`/audit?request=${requestId}`);
    await page.getByLabel('Who').selectOption({ label: e2eStaff.admin.name });
    await page.getByLabel('What').selectOption({ label: 'Revealed a value' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/what=request\.value-revealed/);
    await expect(resultRows(page).first()).toContainText('Revealed email 1');
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      new RegExp(`^/audit/export\\?who=[\\w-]+&what=request\\.value-revealed&request=${requestId}$`),
    );

    const { lines } = await downloadCsv(page);
    const [, ...csvRows] = lines;
    expect(csvRows.length).toBeGreaterThanOrEqual(1);
    for (const row of csvRows) {
      expect(row.slice(1)).toEqual([
        e2eStaff.admin.name,
        'Revealed email 1',
        requestId,
        'Reason: Checking for a typo',
        'request.value-revealed',
      ]);
    }
    // Not the value revealed, nor any other address: staff appear by name only.
    const text = lines.flat().join(',');
    expect(text).not.toContain(revealed);
    expect(text).not.toContain('@');
  });

  test('an agent sees only their own events and has no choice of whom, even when the URL asks', async ({
    page,
  }, testInfo) => {
    const requestId = uniqueRequestId();
    const ids = await staffIds(testInfo);
    await seed(testInfo, requestId, [
      { who: 'agent', action: 'request.viewed' },
      { who: 'admin', action: 'request.viewed' },
      { who: 'admin', action: 'decision.resend-requested', detail: { decisionId: 'd-2' } },
      { who: 'agent', action: 'request.value-revealed', detail: { field: 'loyaltyNumber', reason: 'match-member' } },
    ]);

    await signIn(page, 'agent', `/audit?who=${ids.admin}&request=${requestId}`);
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByLabel('What')).toBeVisible();
    await expect(page.getByLabel('Who')).toHaveCount(0);
    await expect(resultRows(page)).toHaveCount(2);
    expect(await column(page, 1)).toEqual([e2eStaff.agent.name, e2eStaff.agent.name]);
    expect(await column(page, 2)).toEqual(['Revealed the loyalty number', 'Viewed the request']);

    const csv = await page.request.get(`/audit/export?who=${ids.admin}&request=${requestId}`);
    expect(csv.status()).toBe(200);
    const csvRows = (await csv.text()).split('\r\n').filter(Boolean).slice(1);
    expect(csvRows).toHaveLength(2);
    for (const row of csvRows) expect(row.split(',')[1]).toBe(e2eStaff.agent.name);

    await page.getByLabel('What').selectOption({ label: 'All decisions' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/what=decisions/);
    await expect(page.getByText('No events match these filters')).toBeVisible();
  });

  test('a range that ends before it starts is explained, and not applied @once', async ({ page }) => {
    await signIn(page, 'admin', '/audit?from=2026-03-10&to=2026-03-01');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(/“From” date is after the “To” date/);
    await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
      /“From” date is after the “To” date/,
    );
    await expect(resultRows(page).first()).toBeVisible();
  });

  test('a viewer cannot open the audit log or export it @once', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/audit');
    await expect(page).toHaveURL(/\/no-access$/);
    const csv = await page.request.get('/audit/export');
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain('When (UTC)');
  });

  test('the export refuses a request without a session', async ({ request }) => {
    const csv = await request.get('/audit/export?what=sign-in', { maxRedirects: 0 });
    expect(csv.status()).toBe(401);
    expect(csv.headers()['content-type']).not.toContain('text/csv');
    expect(await csv.text()).not.toContain('When (UTC)');
  });
});
