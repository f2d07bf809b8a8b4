import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTokenSource, isAllowedConcurOrigin } from './auth';

const configured = new URL('https://us.api.concursolutions.com');

describe('where credentials may go', () => {
  it.each([
    ['https://us.api.concursolutions.com', true],
    ['https://emea.api.concursolutions.com', true],
    ['https://us-impl.api.concursolutions.com', true],
    ['https://cn.api.concurcdc.cn', true],
    ['http://emea.api.concursolutions.com', false],
    ['https://api.concursolutions.com.evil.example', false],
    ['https://evil.example/us.api.concursolutions.com', false],
    ['https://us.concursolutions.com', false],
  ])('%s → %s', (candidate, allowed) => {
    expect(isAllowedConcurOrigin(new URL(candidate), configured)).toBe(allowed);
  });
});

function tokenServer(body: Record<string, unknown>) {
  const calls: { url: string; body: string }[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), body: String(init?.body) });
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetchStub };
}

describe('app token', () => {
  const logger = pino({ level: 'silent' });
  const config = { baseUrl: 'https://us.api.concursolutions.com', clientId: 'id', clientSecret: 's3cret' };

  it('asks once with the client credentials, form-encoded, caches, and renews before expiry', async () => {
    const { calls, fetchStub } = tokenServer({
      access_token: 'a1',
      expires_in: '3600',
      geolocation: 'https://emea.api.concursolutions.com',
    });
    let now = 0;
    const source = createTokenSource(config, { logger, timeoutMs: 1000, fetch: fetchStub, now: () => now });
    const [first, second] = await Promise.all([source.get(), source.get()]);
    expect(first).toEqual({
      accessToken: 'a1',
      apiBaseUrl: 'https://emea.api.concursolutions.com',
      expiresAt: 3_600_000 - 300_000,
    });
    expect(second).toBe(first);
    expect(calls).toEqual([
      {
        url: 'https://us.api.concursolutions.com/oauth2/v0/token',
        body: 'client_id=id&client_secret=s3cret&grant_type=client_credentials',
      },
    ]);
    now = 3_300_001;
    await source.get();
    expect(calls).toHaveLength(2);
  });

  it('refuses a geolocation that is not a Concur host', async () => {
    const { fetchStub } = tokenServer({
      access_token: 'a1',
      expires_in: '3600',
      geolocation: 'https://collector.evil.example',
    });
    const source = createTokenSource(config, { logger, timeoutMs: 1000, fetch: fetchStub });
    await expect(source.get()).rejects.toMatchObject({ kind: 'config' });
  });

  it('reports an unreadable token answer as malformed', async () => {
    const { fetchStub } = tokenServer({ token: 'x' });
    const source = createTokenSource(config, { logger, timeoutMs: 1000, fetch: fetchStub });
    await expect(source.get()).rejects.toMatchObject({ kind: 'malformed' });
  });
});
