import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import { ConcurError } from '@/lib/concur/errors';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { type RunningSandbox, startSandbox } from './support/sandbox';

describe('Concur client against the sandbox over HTTP', () => {
  let sandbox: RunningSandbox;
  let client: ConcurClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = sandboxClient(sandbox.baseUrl);
  });
  afterAll(() => sandbox.stop());

  it('lists Pending requests, each with its request token, and a next page from NextPage', async () => {
    const page = await client.listConnectionRequests({ limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.items.every((item) => item.status === 'Pending' && item.requestToken)).toBe(true);
    expect(page.next).toEqual({ offset: '10', limit: 10 });
  });

  it('pages through the whole Pending queue by following NextPage, without repeats', async () => {
    const seen: string[] = [];
    let offset: string | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await client.listConnectionRequests({ limit: 10, offset });
      seen.push(...page.items.map((item) => item.id));
      if (!page.next) break;
      offset = page.next.offset;
    }
    expect(seen.length).toBeGreaterThan(100);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('asks only for the Pending queue: no status parameter, whatever the version', async () => {
    const control = sandboxControl(sandbox.baseUrl);
    await control.clearCalls();
    for (const version of ['3.0', '3.1', '3.2'] as const) {
      await sandboxClient(sandbox.baseUrl, { apiVersion: version }).listConnectionRequests({ limit: 3 });
    }
    expect(await control.calls()).toMatchObject({ list: { count: 3, withStatus: 0 } });
  });

  it('turns Concur’s error body into a ConcurError with the message and correlation id', async () => {
    const error = await client.listConnectionRequests({ offset: 'not-a-number' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurError);
    expect(error).toMatchObject({ kind: 'http', status: 400, concurMessage: expect.any(String) });
    expect((error as ConcurError).correlationId).toMatch(/^[0-9a-f-]{36}$/i);
  });

  it('refuses a page size Concur does not allow, and an id that is not one, before calling it', async () => {
    await expect(client.listConnectionRequests({ limit: 11 })).rejects.toThrow(RangeError);
    await expect(client.getConnectionRequest('../../oauth2/v0/token')).rejects.toThrow();
  });

  it('reports a host that does not answer as unreachable', async () => {
    const nowhere = sandboxClient('http://127.0.0.1:9', { timeoutMs: 1000 });
    await expect(nowhere.listConnectionRequests()).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(nowhere.ping()).resolves.toMatchObject({ isReachable: false });
    await expect(client.ping()).resolves.toMatchObject({ isReachable: true });
  });

  it('reports XML where JSON was asked as a malformed answer, not a crash', async () => {
    const xmlOnly: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('accept');
      return fetch(input, { ...init, headers });
    };
    const xmlClient = sandboxClient(sandbox.baseUrl, { deps: { fetch: xmlOnly } });
    await expect(xmlClient.listConnectionRequests()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('refuses wrong app credentials with Concur’s OAuth message', async () => {
    const wrong = sandboxClient(sandbox.baseUrl, { clientSecret: 'wrong' });
    await expect(wrong.listConnectionRequests()).rejects.toMatchObject({
      kind: 'http',
      status: 401,
      concurMessage: expect.any(String),
    });
  });
});
