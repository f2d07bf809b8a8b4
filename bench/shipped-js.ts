import { gzipSync } from 'node:zlib';
import type { Browser, Response } from '@playwright/test';
import { contextFor, type SignedIn } from './lib/browser';
import type { Section } from './lib/report';

/**
 * 4. First-load JavaScript: every script Chromium fetches for a page up to its load event,
 * gzipped here with zlib's default level (the app's own server may send it uncompressed),
 * against a bare page of the same build and shell (/no-access: the layout, nothing else).
 */

type Shipped = { path: string; scripts: number; rawBytes: number; gzipBytes: number; htmlGzipBytes: number };

async function shippedBy(browser: Browser, baseUrl: string, session: SignedIn | null, path: string): Promise<Shipped> {
  const context = await contextFor(browser, baseUrl, session);
  try {
    const page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    let isLoaded = false;
    page.on('response', (response: Response) => {
      if (isLoaded || response.request().resourceType() !== 'script') return;
      scripts.set(response.url(), response.body());
    });
    const document = await page.goto(path, { waitUntil: 'load' });
    isLoaded = true;
    if (document?.status() !== 200 || new URL(page.url()).pathname !== path) {
      throw new Error(`loading ${path}: ${document?.status()} at ${page.url()}`);
    }
    const bodies = await Promise.all(scripts.values());
    return {
      path,
      scripts: bodies.length,
      rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
      htmlGzipBytes: gzipSync(await document.body()).length,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => bytes / 1024;

export async function measureShippedJs(options: {
  browser: Browser;
  baseUrl: string;
  session: SignedIn;
  requestId: string;
}): Promise<Section> {
  const { browser, baseUrl, session, requestId } = options;
  const bare = await shippedBy(browser, baseUrl, session, '/no-access');
  const list = await shippedBy(browser, baseUrl, session, '/requests');
  const detail = await shippedBy(browser, baseUrl, session, `/requests/${requestId}`);
  const signIn = await shippedBy(browser, baseUrl, null, '/sign-in');
  return {
    id: 'shipped-js',
    title: '4. Shipped JavaScript (first load, gzipped)',
    baseline: 'the bare page /no-access of the same build, signed in (framework, layout and app shell)',
    rows: [
      { label: '/requests first-load JS', baseline: kb(bare.gzipBytes), figure: kb(list.gzipBytes), unit: 'KB' },
      { label: '/requests/[id] first-load JS', baseline: kb(bare.gzipBytes), figure: kb(detail.gzipBytes), unit: 'KB' },
      { label: '/requests scripts', baseline: bare.scripts, figure: list.scripts, unit: 'count' },
      { label: '/requests/[id] scripts', baseline: bare.scripts, figure: detail.scripts, unit: 'count' },
    ],
    notes: [`/sign-in, signed out: ${kb(signIn.gzipBytes).toFixed(1)} KB gzipped in ${signIn.scripts} scripts`],
    data: { bare, list, detail, signIn },
  };
}
