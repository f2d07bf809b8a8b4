import type { SandboxControl } from '@/scripts/lib/sandbox-control';
import { postServerAction } from '@/scripts/lib/server-action';
import { since } from './stats';

/**
 * Timed HTTP calls to the dashboard (pages, server actions) and to the sandbox's Concur API,
 * sent by the shared kit (scripts/lib/). Every answer is checked, so an error page that comes
 * back fast can never pass for a fast page.
 */

export type Timed = { ms: number; ttfbMs: number; body: string };

async function timed(label: string, send: () => Promise<Response>, isExpected: (body: string) => boolean) {
  const started = performance.now();
  const response = await send();
  const ttfbMs = since(started);
  const body = await response.text();
  const ms = since(started);
  if (response.status !== 200 || !isExpected(body)) {
    throw new Error(`${label}: ${response.status}, not the expected answer: ${body.slice(0, 300)}`);
  }
  return { ms, ttfbMs, body } satisfies Timed;
}

/** The dashboard as one signed-in staff member's browser calls it. */
export function dashboardClient(baseUrl: string, cookie: string) {
  return {
    page: (path: string, isExpected: (body: string) => boolean) =>
      timed(
        `GET ${baseUrl}${path}`,
        () => fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' }),
        isExpected,
      ),
    /** The server action as React's client sends it: the input, then an empty form slot. */
    action: (id: string, input: unknown, isExpected: (body: string) => boolean) =>
      timed(
        `POST ${baseUrl}/requests`,
        () => postServerAction(`${baseUrl}/requests`, id, [input, {}], { cookies: cookie }),
        isExpected,
      ),
  };
}

/** A GET as the dashboard's Concur client sends it (API v3.2, JSON, an app token), straight to the sandbox. */
export function timedSandboxGet(sandbox: SandboxControl, path: string): Promise<Timed> {
  return timed(
    `GET ${sandbox.baseUrl}${path}`,
    () => sandbox.api(path),
    (body) => body.startsWith('{'),
  );
}

export type DashboardClient = ReturnType<typeof dashboardClient>;

/** A connection request as the sandbox's v3.2 JSON has it, as far as the bench needs it. */
export type WireRequest = {
  ID: string;
  lastName: string | null;
  loyaltyNumber: string | null;
  emailAddresses?: Record<string, string | null> | null;
};

export const LIST_PATH = '/api/v3.2/common/connectionrequests/';
