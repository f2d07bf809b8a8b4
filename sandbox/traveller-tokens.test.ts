import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, startTestSandbox, type TestSandbox, toForm } from './testing';

/** The traveller's own tokens: request-token exchange, refresh with rotation, the user API, revocation. */

type Item = { ID: string; userId: string; requestToken: string; lastModified: string };
type TokenAnswer = {
  access_token: string;
  refresh_token: string;
  expires_in: string;
  refresh_expires_in: string;
  id_token: string;
  geolocation: string;
};
type State = {
  status: string;
  lastModified: string;
  isRequestTokenUsed: boolean;
  userTokens: { access: number; refresh: number };
};

const LIST = '/api/v3.2/common/connectionrequests/';
const USER = '/api/user/v1.0/User';
const HOUR = 3600;
const FORBIDDEN = 'The Oauth token has expired or been revoked.';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());
beforeEach(() => t.reset());

const token = (form: Record<string, string>) =>
  fetch(`${t.base}/oauth2/v0/token`, { method: 'POST', body: new URLSearchParams({ ...toForm(CLIENT), ...form }) });
const exchange = (item: Item) =>
  token({ grant_type: 'password', credtype: 'authtoken', username: item.userId, password: item.requestToken });
const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
const asTraveller = (accessToken: string, accept = 'application/json') =>
  fetch(`${t.base}${USER}`, { headers: { Accept: accept, Authorization: `Bearer ${accessToken}` } });
const state = async (id: string): Promise<State> =>
  (await (await t.control(`/_sandbox/requests/${id}`)).json()) as State;
const advance = (seconds: number) => t.control('/_sandbox/clock', { advanceSeconds: seconds });

/** The head of the Pending queue (v3.0's filter: the v3.2 list has Processing requests too), as v3.2 shows it. */
async function firstPending(): Promise<Item> {
  const pending = await t.api('/api/v3.0/common/connectionrequests/?status=Pending&limit=1');
  const [head] = ((await pending.json()) as { Items: { ID: string }[] }).Items;
  if (!head) throw new Error('no pending request');
  return (await (await t.api(`${LIST}${head.ID}`)).json()) as Item;
}

async function connect(): Promise<{ item: Item; tokens: TokenAnswer }> {
  const item = await firstPending();
  const response = await exchange(item);
  expect(response.status).toBe(200);
  return { item, tokens: (await response.json()) as TokenAnswer };
}

async function expectInvalidGrant(response: Response, code: number): Promise<void> {
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: expect.any(String), code });
}

describe('the refresh-token grant', () => {
  it('rotates: new tokens in the exchange’s shape, the old refresh token refused at once', async () => {
    const { item, tokens: first } = await connect();
    const renewed = await refresh(first.refresh_token);
    expect(renewed.status).toBe(200);
    const second = (await renewed.json()) as TokenAnswer;
    expect(second).toEqual({
      expires_in: '3600',
      scope: expect.any(String),
      token_type: 'Bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      refresh_expires_in: '15552000',
      id_token: expect.any(String),
      geolocation: t.base,
    });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    await expectInvalidGrant(await refresh(first.refresh_token), 108);
    const user = await asTraveller(second.access_token);
    expect(user.status).toBe(200);
    expect(await user.json()).toEqual({ UserId: item.userId, LoginId: expect.stringContaining('@') });
    // The first access token was not revoked by the rotation; it simply lives out its hour.
    expect((await asTraveller(first.access_token)).status).toBe(200);
    expect((await state(item.ID)).userTokens).toEqual({ access: 2, refresh: 1 });
    expect((await refresh(second.refresh_token)).status).toBe(200);
  });

  it('needs a refresh token, and refuses an app token or a made-up one', async () => {
    const noToken = await token({ grant_type: 'refresh_token' });
    expect(noToken.status).toBe(400);
    expect(await noToken.json()).toMatchObject({ error: 'invalid_request', code: 106 });
    await expectInvalidGrant(await refresh(await t.appToken()), 108);
    await expectInvalidGrant(await refresh('made-up'), 108);
  });

  it('lets the access token expire after 1 h on the sandbox clock while the refresh token lives on', async () => {
    const { item, tokens } = await connect();
    await advance(HOUR - 1);
    expect((await asTraveller(tokens.access_token)).status).toBe(200);
    await advance(1);
    const expired = await asTraveller(tokens.access_token);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { Error: { Message: string } }).Error.Message).toBe(FORBIDDEN);
    expect((await state(item.ID)).userTokens).toEqual({ access: 0, refresh: 1 });

    const renewed = (await (await refresh(tokens.refresh_token)).json()) as TokenAnswer;
    expect((await asTraveller(renewed.access_token)).status).toBe(200);

    await advance(15_552_000);
    await expectInvalidGrant(await refresh(renewed.refresh_token), 108);
  });
});

describe('the user API', () => {
  it('answers the traveller’s ids with a correlation id, in XML unless JSON is asked for', async () => {
    const { item, tokens } = await connect();
    const json = await asTraveller(tokens.access_token);
    expect(json.headers.get('concur-correlationid')).toMatch(/^[0-9a-f-]{36}$/);
    const xml = await asTraveller(tokens.access_token, 'application/xml');
    expect(xml.headers.get('content-type')).toContain('application/xml');
    expect(await xml.text()).toContain(`<UserId>${item.userId}</UserId>`);
    expect((await fetch(`${t.base}${USER}`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 401 without a header and 403 for an app token or an unknown one', async () => {
    const missing = await fetch(`${t.base}${USER}`, { headers: { Accept: 'application/json' } });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { Error: { Message: string } }).Error.Message).toBe(
      'The Authorization header is not included in the request.',
    );
    for (const accessToken of [await t.appToken(), 'made-up']) {
      const refused = await asTraveller(accessToken);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { Error: { Message: string } }).Error.Message).toBe(FORBIDDEN);
    }
  });
});

describe('control: revoke-tokens and spoil-token', () => {
  it('revokes every user token of a request: the user API refuses and the refresh is invalid_grant', async () => {
    const { item, tokens } = await connect();
    const second = (await (await refresh(tokens.refresh_token)).json()) as TokenAnswer;
    const revoke = await t.control(`/_sandbox/requests/${item.ID}/revoke-tokens`, {});
    expect(await revoke.json()).toEqual({ revoked: 3 });
    expect((await asTraveller(second.access_token)).status).toBe(403);
    await expectInvalidGrant(await refresh(second.refresh_token), 108);
    expect((await state(item.ID)).userTokens).toEqual({ access: 0, refresh: 0 });
    expect((await t.control('/_sandbox/requests/unknown/revoke-tokens', {})).status).toBe(404);
  });

  it('spoils the request token without touching status or lastModified, so the exchange fails', async () => {
    const item = await firstPending();
    const before = await state(item.ID);
    await advance(60);
    expect(await (await t.control(`/_sandbox/requests/${item.ID}/spoil-token`, {})).json()).toEqual({ ok: true });
    const after = await state(item.ID);
    expect(after).toMatchObject({ status: 'Pending', lastModified: before.lastModified, isRequestTokenUsed: true });

    await expectInvalidGrant(await exchange(item), 5);
    expect(await state(item.ID)).toMatchObject({ status: 'Pending', lastModified: before.lastModified });
    const again = (await (await t.api(`${LIST}${item.ID}`)).json()) as Item;
    expect(again.lastModified).toBe(item.lastModified);
  });

  it('has nothing to spoil before a request token is issued', async () => {
    const created = await t.api(`${LIST}?user=cert0001@example.com`, { method: 'POST' });
    const { ID } = (await created.json()) as { ID: string };
    expect((await t.control(`/_sandbox/requests/${ID}/spoil-token`, {})).status).toBe(409);
    expect((await t.control('/_sandbox/requests/unknown/spoil-token', {})).status).toBe(404);
  });
});
