import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openSandbox, type Sandbox } from './context';
import { createSandboxServer } from './server';

/** An in-process sandbox on a free loopback port with its own temp SQLite file, for the sandbox's own tests. */

export const CLIENT = { clientId: 'test-client', clientSecret: 'test-secret' };

export type TestSandbox = {
  base: string;
  sandbox: Sandbox;
  /** A fresh app token from the client-credentials grant. */
  appToken(): Promise<string>;
  /** Wipes and re-seeds (as POST /_sandbox/reset does), then takes a new app token: the reset revoked the old one. */
  reset(options?: { backlog?: number }): Promise<void>;
  /** fetch with a live app token and `Accept: application/json` unless the caller sets its own. */
  api(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  control(pathAndQuery: string, body?: unknown, method?: string): Promise<Response>;
  stop(): Promise<void>;
};

export async function startTestSandbox(): Promise<TestSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  const sandbox = openSandbox({ file: path.join(dir, 'sandbox.sqlite'), credentials: CLIENT });
  sandbox.reset();
  const server = createSandboxServer(sandbox);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function appToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', ...toForm(CLIENT) });
    const response = await fetch(`${base}/oauth2/v0/token`, { method: 'POST', body });
    return ((await response.json()) as { access_token: string }).access_token;
  }
  let token = await appToken();

  return {
    base,
    sandbox,
    appToken,
    reset: async (options) => {
      sandbox.reset(options);
      token = await appToken();
    },
    api: async (pathAndQuery, init = {}) => {
      const send = () =>
        fetch(`${base}${pathAndQuery}`, {
          ...init,
          headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...init.headers },
        });
      const response = await send();
      // Like a real client: a token that expired on the moved clock is renewed once.
      if (response.status !== 403 || new Headers(init.headers).has('authorization')) return response;
      token = await appToken();
      return send();
    },
    control: (pathAndQuery, body, method = body === undefined ? 'GET' : 'POST') =>
      fetch(`${base}${pathAndQuery}`, {
        method,
        // The control API takes every write as JSON, a body-less one too.
        headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function toForm(credentials: typeof CLIENT): Record<string, string> {
  return { client_id: credentials.clientId, client_secret: credentials.clientSecret };
}
