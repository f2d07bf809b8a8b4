import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import { ConcurError } from '@/lib/concur/errors';
import { isInvalidGrant, type TravellerTokens } from '@/lib/concur/traveller';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/** The traveller's tokens against the sandbox process over HTTP: exchange, refresh, the user API. */

let sandbox: RunningSandbox;
let client: ConcurClient;
let control: ReturnType<typeof sandboxControl>;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = sandboxClient(sandbox.baseUrl, { timeoutMs: 1000 });
  control = sandboxControl(sandbox.baseUrl);
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await control.reset();
  await control.clearFaults();
});

const HOUR = 3600;

/** A fresh Pending request, read as the decision flow reads it: its id, Concur user id and request token. */
async function pendingRequest(): Promise<{ id: string; userId: string; requestToken: string }> {
  // v3.2 lists Processing requests as Pending too: the sandbox's own record tells them apart.
  const { items } = await client.listConnectionRequests({ limit: 10 });
  let listed: (typeof items)[number] | undefined;
  for (const item of items) {
    if ((await control.request(item.id)).status === 'Pending') {
      listed = item;
      break;
    }
  }
  if (!listed) throw new Error('no Pending request');
  const request = await client.getConnectionRequest(listed.id);
  if (!request?.userId || !request.requestToken) throw new Error('the request has no user id or token');
  return { id: request.id, userId: request.userId, requestToken: request.requestToken };
}

async function connect(): Promise<{ id: string; userId: string; tokens: TravellerTokens }> {
  const request = await pendingRequest();
  const tokens = await client.exchangeRequestToken(request);
  return { id: request.id, userId: request.userId, tokens };
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('exchanging a connection request’s token', () => {
  it('gives the traveller’s tokens, which work as the traveller, and moves the request to Processing', async () => {
    const request = await pendingRequest();
    const before = Date.now();
    const tokens = await client.exchangeRequestToken(request);
    const after = Date.now();

    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessExpiresAt: expect.any(String),
      refreshExpiresAt: expect.any(String),
      geolocation: sandbox.baseUrl,
    });
    const accessExpiresAt = Date.parse(tokens.accessExpiresAt);
    expect(accessExpiresAt).toBeGreaterThanOrEqual(before + HOUR * 1000);
    expect(accessExpiresAt).toBeLessThanOrEqual(after + HOUR * 1000);
    expect(Date.parse(tokens.refreshExpiresAt ?? '')).toBeGreaterThanOrEqual(before + 180 * 24 * HOUR * 1000);

    expect(await client.getTraveller(tokens)).toEqual({ userId: request.userId });
    expect(await client.getConnectionRequest(request.id)).toMatchObject({ status: 'Processing' });
  });

  it('refuses the same request token a second time as invalid_grant', async () => {
    const request = await pendingRequest();
    await client.exchangeRequestToken(request);
    const error = await failure(client.exchangeRequestToken(request));
    expect(isInvalidGrant(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'http', status: 400, oauthError: 'invalid_grant' });
  });

  it('refuses a request token that expired or was used elsewhere as invalid_grant', async () => {
    const request = await pendingRequest();
    await control.spoilToken(request.id);
    expect(isInvalidGrant(await failure(client.exchangeRequestToken(request)))).toBe(true);
    expect(await client.getConnectionRequest(request.id)).toMatchObject({ status: 'Pending' });
  });

  it('sends it again after a 503, never after an answer lost once Concur may have acted', async () => {
    const first = await pendingRequest();
    await control.addFault({ kind: 'status-503', count: 1, method: 'POST', pathIncludes: '/oauth2/' });
    await expect(client.exchangeRequestToken(first)).resolves.toMatchObject({ geolocation: sandbox.baseUrl });

    const second = await pendingRequest();
    await control.addFault({ kind: 'reset-after-apply', count: 1, method: 'POST', pathIncludes: '/oauth2/' });
    const lost = await failure(client.exchangeRequestToken(second));
    // A blind retry would have met the used token and reported invalid_grant instead.
    expect(lost).toMatchObject({ kind: 'unreachable' });
    expect(isInvalidGrant(lost)).toBe(false);
    expect(await control.request(second.id)).toMatchObject({ status: 'Processing', isRequestTokenUsed: true });
  });

  it('does not call a wrong client secret invalid_grant', async () => {
    const request = await pendingRequest();
    const wrong = sandboxClient(sandbox.baseUrl, { clientSecret: 'wrong' });
    const error = await failure(wrong.exchangeRequestToken(request));
    expect(error).toMatchObject({ kind: 'http', status: 401, oauthError: 'invalid_client' });
    expect(isInvalidGrant(error)).toBe(false);
  });
});

describe('refreshing the traveller’s tokens', () => {
  it('rotates the refresh token: the old one is invalid_grant, the new access token works', async () => {
    const { userId, tokens } = await connect();
    const renewed = await client.refreshTravellerTokens(tokens);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.geolocation).toBe(sandbox.baseUrl);
    expect(isInvalidGrant(await failure(client.refreshTravellerTokens(tokens)))).toBe(true);
    expect(await client.getTraveller(renewed)).toEqual({ userId });
  });

  it('renews an access token that expired on the sandbox clock', async () => {
    const { userId, tokens } = await connect();
    await control.advanceClock(HOUR);
    const expired = await failure(client.getTraveller(tokens));
    expect(expired).toBeInstanceOf(ConcurError);
    expect(expired).toMatchObject({ kind: 'http', status: 403, concurMessage: expect.stringMatching(/expired/) });
    expect(isInvalidGrant(expired)).toBe(false);

    const renewed = await client.refreshTravellerTokens(tokens);
    expect(await client.getTraveller(renewed)).toEqual({ userId });
  });

  it('reports a traveller who disconnected in Concur as invalid_grant', async () => {
    const { id, tokens } = await connect();
    expect(await control.revokeTokens(id)).toEqual({ revoked: 2 });
    expect(isInvalidGrant(await failure(client.refreshTravellerTokens(tokens)))).toBe(true);
    expect(await failure(client.getTraveller(tokens))).toMatchObject({ status: 403 });
  });
});

describe('the traveller’s tokens go only to Concur', () => {
  it.each([
    'https://collector.evil.example',
    'http://us.api.concursolutions.com',
    'https://api.concursolutions.com.evil.example',
    'not a url',
  ])('refuses the geolocation %s before anything is sent', async (geolocation) => {
    const sent: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      sent.push(String(input));
      return fetch(input, init);
    };
    const spied = sandboxClient(sandbox.baseUrl, { deps: { fetch: spy } });
    const input = { accessToken: 'token', refreshToken: 'token', geolocation };
    await expect(spied.getTraveller(input)).rejects.toMatchObject({ kind: 'config' });
    await expect(spied.refreshTravellerTokens(input)).rejects.toMatchObject({ kind: 'config' });
    expect(sent).toEqual([]);
  });

  it('retries a read as the traveller on a transient failure', async () => {
    const { userId, tokens } = await connect();
    await control.addFault({ kind: 'status-500', count: 2, method: 'GET', pathIncludes: '/api/user/' });
    expect(await client.getTraveller(tokens)).toEqual({ userId });
  });

  it('never writes a token to the log', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = sandboxClient(sandbox.baseUrl, { deps: { logger: pino({ level: 'trace' }, destination) } });
    const request = await pendingRequest();
    const tokens = await logged.exchangeRequestToken(request);
    const renewed = await logged.refreshTravellerTokens(tokens);
    await logged.getTraveller(renewed);
    await failure(logged.refreshTravellerTokens(tokens));

    const log = lines.join('');
    expect(log).toContain('/oauth2/v0/token');
    for (const secret of [request.requestToken, tokens.accessToken, tokens.refreshToken, renewed.accessToken]) {
      expect(log).not.toContain(secret);
    }
  });
});
