import type { Browser } from '@playwright/test';
import { contextFor, type SignedIn } from './lib/browser';
import type { DashboardClient } from './lib/http';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { summarize } from './lib/stats';
import { isDetailPage } from './proxy-overhead';

/**
 * 2. What a page costs above the floor: the static page of the same build (public/bench/floor.html),
 * served by the same server. The server's answer over HTTP, then a full load in Chromium
 * (Navigation Timing, a fresh context each time: empty cache, as on a first visit).
 */

export const FLOOR_PATH = '/bench/floor.html';
const isFloor = (body: string) => body.includes('<p>Connection Desk</p>');
export const isListPage = (body: string) => body.includes('<table') && body.includes('data-row-link');

type NavigationTimes = { ttfb: number; responseEnd: number; load: number };

async function loadInChromium(browser: Browser, baseUrl: string, session: SignedIn, path: string) {
  const context = await contextFor(browser, baseUrl, session);
  try {
    const page = await context.newPage();
    const response = await page.goto(path, { waitUntil: 'load' });
    if (response?.status() !== 200 || !new URL(page.url()).pathname.startsWith(path)) {
      throw new Error(`loading ${path} in Chromium: ${response?.status()} at ${page.url()}`);
    }
    return await page.evaluate((): NavigationTimes => {
      const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      if (!entry) throw new Error('no navigation timing entry');
      return {
        ttfb: entry.responseStart - entry.requestStart,
        responseEnd: entry.responseEnd - entry.startTime,
        load: entry.loadEventEnd - entry.startTime,
      };
    });
  } finally {
    await context.close();
  }
}

export async function measurePageCost(options: {
  dashboard: DashboardClient;
  browser: Browser;
  baseUrl: string;
  session: SignedIn;
  requestId: string;
}): Promise<Section> {
  const { dashboard, browser, baseUrl, session, requestId } = options;
  const detailPath = `/requests/${requestId}`;

  const server = await sampleInTurns(
    {
      floor: async () => (await dashboard.page(FLOOR_PATH, isFloor)).ms,
      list: async () => (await dashboard.page('/requests', isListPage)).ms,
      detail: async () => (await dashboard.page(detailPath, isDetailPage)).ms,
    },
    { warmup: 3, rounds: 30 },
  );

  const timings: Record<'floor' | 'list' | 'detail', NavigationTimes[]> = { floor: [], list: [], detail: [] };
  const load = (arm: keyof typeof timings, path: string) => async () => {
    const times = await loadInChromium(browser, baseUrl, session, path);
    timings[arm].push(times);
    return times.load;
  };
  const browserLoad = await sampleInTurns(
    { floor: load('floor', FLOOR_PATH), list: load('list', '/requests'), detail: load('detail', detailPath) },
    { warmup: 1, rounds: 10 },
  );

  const serverStats = {
    floor: summarize(server.floor),
    list: summarize(server.list),
    detail: summarize(server.detail),
  };
  const loadStats = {
    floor: summarize(browserLoad.floor),
    list: summarize(browserLoad.list),
    detail: summarize(browserLoad.detail),
  };
  // The warm-up load is in `timings` too; the sampled ones are the last of each arm.
  const navigation = Object.fromEntries(
    Object.entries(timings).map(([arm, times]) => {
      const sampled = times.slice(-browserLoad.floor.length);
      return [
        arm,
        { ttfb: summarize(sampled.map((t) => t.ttfb)), responseEnd: summarize(sampled.map((t) => t.responseEnd)) },
      ];
    }),
  );
  return {
    id: 'page-cost',
    title: '2. Page cost against the floor (signed in)',
    baseline: `the static page ${FLOOR_PATH} of the same build and server`,
    rows: [
      {
        label: '/requests server response, p50',
        baseline: serverStats.floor.p50,
        figure: serverStats.list.p50,
        unit: 'ms',
      },
      {
        label: '/requests server response, p95',
        baseline: serverStats.floor.p95,
        figure: serverStats.list.p95,
        unit: 'ms',
      },
      {
        label: '/requests/[id] server response, p50',
        baseline: serverStats.floor.p50,
        figure: serverStats.detail.p50,
        unit: 'ms',
      },
      {
        label: '/requests/[id] server response, p95',
        baseline: serverStats.floor.p95,
        figure: serverStats.detail.p95,
        unit: 'ms',
      },
      {
        label: '/requests full load in Chromium, p50',
        baseline: loadStats.floor.p50,
        figure: loadStats.list.p50,
        unit: 'ms',
      },
      {
        label: '/requests full load in Chromium, p95',
        baseline: loadStats.floor.p95,
        figure: loadStats.list.p95,
        unit: 'ms',
      },
      {
        label: '/requests/[id] full load in Chromium, p50',
        baseline: loadStats.floor.p50,
        figure: loadStats.detail.p50,
        unit: 'ms',
      },
      {
        label: '/requests/[id] full load in Chromium, p95',
        baseline: loadStats.floor.p95,
        figure: loadStats.detail.p95,
        unit: 'ms',
      },
    ],
    notes: [
      'server response: request sent to last byte (streamed pages included), undici over keep-alive',
      'full load: navigationStart to loadEventEnd, fresh context (empty cache) each time',
      'both pages read the ledger the poller keeps: no Concur call while they are served',
    ],
    data: { requestId, server: serverStats, fullLoad: loadStats, navigation },
  };
}
