import { type Browser, expect, type Page } from '@playwright/test';
import { contextFor, type SignedIn } from './lib/browser';
import type { Section } from './lib/report';
import { since, summarize } from './lib/stats';

/**
 * 7. Triage speed: one agent deciding 20 Pending requests with the keyboard alone: j and
 * Enter open the first one from the list, then per request c (a full match is suggested and
 * preselected) or r, Enter to confirm, and n for the next Pending request. The baseline opens
 * a request from the list and goes back up (j, Enter, u) without deciding, 20 times. Times are
 * the machine's: no thinking time is added.
 */

export const TRIAGE_DECISIONS = 20;
const TIMEOUT = 30_000;

type Keyboard = { page: Page; keys: number };

async function press(keyboard: Keyboard, key: string): Promise<void> {
  keyboard.keys += 1;
  await keyboard.page.keyboard.press(key);
}

/** The detail page of a request, hydrated: its decision keys work. */
async function detailReady(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/requests\/[\w.-]+$/, { timeout: TIMEOUT });
  await expect(page.getByRole('button', { name: /Retry later/ })).toBeEnabled({ timeout: TIMEOUT });
  return new URL(page.url()).pathname;
}

const rowLinks = (page: Page) => page.getByRole('table').getByRole('link');

/** The list, hydrated (the last poll's time turns relative), showing none of `decided`. */
async function listReady(page: Page, decided: ReadonlySet<string>): Promise<string[]> {
  await expect(page).toHaveURL(/\/requests$/, { timeout: TIMEOUT });
  await expect(page.getByText(/^Concur polled (just now|\d+ seconds? ago|\d+ minutes? ago)$/)).toBeVisible({
    timeout: TIMEOUT,
  });
  const hrefs = async () => rowLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  await expect.poll(async () => (await hrefs()).some((href) => decided.has(href)), { timeout: TIMEOUT }).toBe(false);
  return hrefs();
}

/** j (or k) until the row linking to `href` has focus, then Enter; the detail, hydrated. */
async function openRow(keyboard: Keyboard, hrefs: readonly string[], href: string): Promise<void> {
  const { page } = keyboard;
  const target = hrefs.indexOf(href);
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
  const from = focused === null ? -1 : hrefs.indexOf(focused);
  for (let at = from; at !== target; at += at < target ? 1 : -1) await press(keyboard, at < target ? 'j' : 'k');
  await expect(rowLinks(page).nth(target)).toBeFocused();
  await press(keyboard, 'Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`), { timeout: TIMEOUT });
  await detailReady(page);
}

/**
 * The app's answer when a connect's request token could not be exchanged and CRRET went instead
 * (lib/decisions/messages.ts): the demo queue holds requests Concur reports as Processing.
 */
const RETRIED_INSTEAD = 'so CRRET was sent instead';
const CRSUC_RETRIED = 'CRSUC, CRRET sent instead';

/** c when a full match is suggested and preselected, otherwise r; Enter on the focused confirm button. */
async function decide(keyboard: Keyboard): Promise<'CRSUC' | 'CRRET' | typeof CRSUC_RETRIED> {
  const { page } = keyboard;
  const isFullMatch =
    (await page.getByText(/Suggested: CRSUC/).count()) > 0 &&
    (await page.getByRole('radio', { checked: true }).count()) > 0;
  const code = isFullMatch ? 'CRSUC' : 'CRRET';
  await press(keyboard, isFullMatch ? 'c' : 'r');
  await expect(page.getByRole('dialog').getByRole('button', { name: `Send ${code}` })).toBeFocused({
    timeout: TIMEOUT,
  });
  await press(keyboard, 'Enter');
  const sent = isFullMatch
    ? new RegExp(`Connected\\. Concur emails the traveller|${RETRIED_INSTEAD}`)
    : 'Sent back for retry';
  const answer = page.getByRole('region', { name: 'Decide' }).getByRole('status');
  await expect(answer).toContainText(sent, { timeout: TIMEOUT });
  return isFullMatch && (await answer.textContent())?.includes(RETRIED_INSTEAD) ? CRSUC_RETRIED : code;
}

type Walk = { perRequestMs: number[]; keys: number; codes: string[] };

/** Opening a request from the list and going back up (u), without deciding. */
async function browse(keyboard: Keyboard): Promise<Walk> {
  const walked: Walk = { perRequestMs: [], keys: 0, codes: [] };
  await keyboard.page.goto('/requests');
  let hrefs = await listReady(keyboard.page, new Set());
  for (let n = 0; n < TRIAGE_DECISIONS; n += 1) {
    const started = performance.now();
    const [href] = hrefs;
    if (!href) throw new Error('the Pending list is empty');
    await openRow(keyboard, hrefs, href);
    await press(keyboard, 'u');
    hrefs = await listReady(keyboard.page, new Set());
    walked.perRequestMs.push(since(started));
  }
  walked.keys = keyboard.keys;
  return walked;
}

/** Deciding request after request: c|r, Enter, then n for the next Pending one. */
async function triage(keyboard: Keyboard): Promise<Walk> {
  const walked: Walk = { perRequestMs: [], keys: 0, codes: [] };
  await keyboard.page.goto('/requests');
  const hrefs = await listReady(keyboard.page, new Set());
  const [first] = hrefs;
  if (!first) throw new Error('the Pending list is empty');
  await openRow(keyboard, hrefs, first);
  let current = first;
  for (let n = 0; n < TRIAGE_DECISIONS; n += 1) {
    const started = performance.now();
    walked.codes.push(await decide(keyboard));
    await press(keyboard, 'n');
    await expect(keyboard.page).not.toHaveURL(new RegExp(`${current}$`), { timeout: TIMEOUT });
    current = await detailReady(keyboard.page);
    walked.perRequestMs.push(since(started));
  }
  walked.keys = keyboard.keys;
  return walked;
}

async function walk(browser: Browser, baseUrl: string, session: SignedIn, isDeciding: boolean): Promise<Walk> {
  const context = await contextFor(browser, baseUrl, session);
  try {
    const keyboard: Keyboard = { page: await context.newPage(), keys: 0 };
    return await (isDeciding ? triage(keyboard) : browse(keyboard));
  } finally {
    await context.close();
  }
}

export async function measureTriage(options: {
  browser: Browser;
  baseUrl: string;
  session: SignedIn;
}): Promise<Section> {
  const { browser, baseUrl, session } = options;
  const browse = await walk(browser, baseUrl, session, false);
  const triage = await walk(browser, baseUrl, session, true);
  const browseStats = summarize(browse.perRequestMs);
  const triageStats = summarize(triage.perRequestMs);
  const total = (ms: readonly number[]) => ms.reduce((sum, value) => sum + value, 0) / 1000;
  return {
    id: 'triage',
    title: `7. Triage: one agent decides ${TRIAGE_DECISIONS} Pending requests with the keyboard (Chromium)`,
    baseline: `opening the first request and coming back, ${TRIAGE_DECISIONS} times, without deciding`,
    rows: [
      {
        label: 'key presses per decision',
        baseline: browse.keys / TRIAGE_DECISIONS,
        figure: triage.keys / TRIAGE_DECISIONS,
        unit: 'keys',
      },
      { label: 'wall time per decision, p50', baseline: browseStats.p50, figure: triageStats.p50, unit: 'ms' },
      { label: 'wall time per decision, p95', baseline: browseStats.p95, figure: triageStats.p95, unit: 'ms' },
      {
        label: `wall time for all ${TRIAGE_DECISIONS}`,
        baseline: total(browse.perRequestMs),
        figure: total(triage.perRequestMs),
        unit: 's',
      },
    ],
    notes: [
      `decisions: ${triage.codes.filter((code) => code === 'CRSUC').length} CRSUC (c), ${triage.codes.filter((code) => code === 'CRRET').length} CRRET (r), ${triage.codes.filter((code) => code === CRSUC_RETRIED).length} c answered with CRRET sent instead (request token not exchangeable)`,
      'per decision: from one request ready to the next one ready (c|r, Enter, n); the first is opened from the list with j, Enter',
      'baseline per request: from the list ready to the list ready again (j, Enter, u)',
    ],
    data: { browse: { ...browse, stats: browseStats }, triage: { ...triage, stats: triageStats } },
  };
}
