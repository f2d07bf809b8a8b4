import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConcurClient, createConcurClient } from '@/lib/concur/client';
import { ConcurError } from '@/lib/concur/errors';
import { parseEnv } from '@/lib/env';
import { type RunningSandbox, startSandbox } from './support/sandbox';

const silent = pino({ level: 'silent' });

function clientFor(baseUrl: string, overrides: Record<string, string> = {}): ConcurClient {
  const env = parseEnv({
    CONCUR_BASE_URL: baseUrl,
    CONCUR_CLIENT_ID: 'id',
    CONCUR_CLIENT_SECRET: 'secret',
    ...overrides,
  });
  return createConcurClient(env.concur, { logger: silent });
}

describe('Concur client against the sandbox over HTTP', () => {
  let sandbox: RunningSandbox;
  let client: ConcurClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = clientFor(sandbox.baseUrl);
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
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
  });

  it('turns Concur’s error body into a ConcurError with the message and correlation id', async () => {
    const error = await client.listConnectionRequests({ offset: 'not-a-number' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurError);
    expect(error).toMatchObject({ kind: 'http', status: 400, concurMessage: expect.stringContaining('Bad request') });
    expect((error as ConcurError).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a page size Concur does not allow before calling it', async () => {
    await expect(client.listConnectionRequests({ limit: 11 })).rejects.toThrow(RangeError);
  });

  it('reports a host that does not answer as unreachable', async () => {
    const nowhere = clientFor('http://127.0.0.1:9', { CONCUR_TIMEOUT_MS: '2000' });
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
    const env = parseEnv({ CONCUR_BASE_URL: sandbox.baseUrl, CONCUR_CLIENT_ID: 'id', CONCUR_CLIENT_SECRET: 'secret' });
    const xmlClient = createConcurClient(env.concur, { logger: silent, fetch: xmlOnly });
    await expect(xmlClient.listConnectionRequests()).rejects.toMatchObject({ kind: 'malformed' });
  });
});
