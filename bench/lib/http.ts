import fs from 'node:fs';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';
import { since } from './stats';

/**
 * Timed HTTP calls to the dashboard (pages, server actions) and to the sandbox (Concur's API,
 * its control API). Every answer is checked, so an error page that comes back fast can never
 * pass for a fast page.
 */

export type Timed = { ms: number; ttfbMs: number; body: string };

async function timedFetch(url: string, init: RequestInit, isExpected: (body: string) => boolean): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const ttfbMs = since(started);
  const body = await response.text();
  const ms = since(started);
  if (response.status !== 200 || !isExpected(body)) {
    throw new Error(
      `${init.method ?? 'GET'} ${url}: ${response.status}, not the expected answer: ${body.slice(0, 300)}`,
    );
  }
  return { ms, ttfbMs, body };
}

type ReferenceManifest = { node: Record<string, { filename: string; exportedName: string }> };

/** A server action's id in this build, e.g. `lib/requests/actions.ts#listRequests`. */
export function actionId(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8'),
  ) as ReferenceManifest;
  const found = Object.entries(manifest.node).find(([, entry]) => `${entry.filename}#${entry.exportedName}` === name);
  if (!found) throw new Error(`no server action ${name} in .next/server/server-reference-manifest.json`);
  return found[0];
}

/** The dashboard as one signed-in staff member's browser calls it. */
export function dashboardClient(baseUrl: string, cookie: string) {
  return {
    page: (path: string, isExpected: (body: string) => boolean) =>
      timedFetch(`${baseUrl}${path}`, { headers: { cookie } }, isExpected),
    /** A POST with the Next-Action header, as React's client sends it; the arguments as JSON. */
    action: (id: string, input: unknown, isExpected: (body: string) => boolean) =>
      timedFetch(
        `${baseUrl}/requests`,
        {
          method: 'POST',
          headers: {
            cookie,
            'Next-Action': id,
            Accept: 'text/x-component',
            Origin: baseUrl,
            'Content-Type': 'text/plain;charset=UTF-8',
          },
          body: JSON.stringify([input, {}]),
        },
        isExpected,
      ),
  };
}

/** Concur's API on the sandbox, with an app token of its own, and the sandbox's control API. */
export function sandboxClient(sandboxUrl: string) {
  let token: Promise<string> | undefined;
  const newToken = async () => {
    const response = await fetch(`${sandboxUrl}/oauth2/v0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
        grant_type: 'client_credentials',
      }),
    });
    if (!response.ok) throw new Error(`sandbox token: ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return {
    /** A GET as the dashboard's Concur client sends it (API v3.2, JSON). */
    async get(path: string): Promise<Timed> {
      token ??= newToken();
      return timedFetch(
        `${sandboxUrl}${path}`,
        { headers: { Accept: 'application/json', Authorization: `Bearer ${await token}` } },
        (body) => body.startsWith('{'),
      );
    },
    async json<T>(path: string): Promise<T> {
      return JSON.parse((await this.get(path)).body) as T;
    },
    /** Replaces the sandbox's requests (the demo set, or `backlog` Pending ones); app tokens stop working. */
    async reset(body: { backlog?: number }): Promise<number> {
      const response = await fetch(`${sandboxUrl}/_sandbox/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox reset: ${response.status} ${await response.text()}`);
      token = undefined;
      return ((await response.json()) as { requests: number }).requests;
    },
  };
}

export type SandboxClient = ReturnType<typeof sandboxClient>;
export type DashboardClient = ReturnType<typeof dashboardClient>;

/** A connection request as the sandbox's v3.2 JSON has it, as far as the bench needs it. */
export type WireRequest = {
  ID: string;
  lastName: string | null;
  loyaltyNumber: string | null;
  emailAddresses?: Record<string, string | null> | null;
};

export const LIST_PATH = '/api/v3.2/common/connectionrequests/';
