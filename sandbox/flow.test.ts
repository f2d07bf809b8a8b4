import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, startTestSandbox, type TestSandbox, toForm } from './testing';

/** The connection request lifecycle end to end over HTTP, driven by the sandbox clock. */

type Item = { ID: string; userId: string; requestToken: string; status: string; lastModified: string };
type State = {
  status: string;
  failureCount: number;
  retryCount: number;
  requeueAt: string | null;
  isRequestTokenUsed: boolean;
  outcomes: { code: string; at: string }[];
  notifications: { kind: string; code: string; at: string }[];
};

const LIST = '/api/v3.2/common/connectionrequests/';
const PENDING = '/api/v3.0/common/connectionrequests/?status=Pending';
const HOUR = 3600;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());
beforeEach(() => t.reset());

const list = async (path: string): Promise<Item[]> => ((await (await t.api(path)).json()) as { Items: Item[] }).Items;
const ids = async (path: string): Promise<string[]> =>
  ((await (await t.api(path)).json()) as { Items: { ID: string }[] }).Items.map((item) => item.ID);
/** The head of the Pending queue (v3.0's filter: the v3.2 list has Processing requests too), as v3.2 shows each. */
const firstPending = async (limit = 1): Promise<Item[]> =>
  Promise.all(
    (await ids(`${PENDING}&limit=${limit}`)).map(async (id) => (await (await t.api(`${LIST}${id}`)).json()) as Item),
  );
const state = async (id: string): Promise<State> =>
  (await (await t.control(`/_sandbox/requests/${id}`)).json()) as State;
const put = (id: string, status: string) => t.api(`${LIST}${id}`, { method: 'PUT', body: JSON.stringify({ status }) });
const advance = (seconds: number) => t.control('/_sandbox/clock', { advanceSeconds: seconds });
const exchange = (username: string, password: string) =>
  fetch(`${t.base}/oauth2/v0/token`, {
    method: 'POST',
    body: new URLSearchParams({ ...toForm(CLIENT), grant_type: 'password', credtype: 'authtoken', username, password }),
  });

describe('request-token exchange', () => {
  it('trades a fresh token for user tokens once, moving the request to Processing', async () => {
    const [item] = await firstPending();
    if (!item) throw new Error('no pending request');
    await advance(60);
    const response = await exchange(item.userId, item.requestToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      expires_in: '3600',
      token_type: 'Bearer',
      refresh_token: expect.any(String),
      refresh_expires_in: '15552000',
      id_token: expect.any(String),
      geolocation: t.base,
    });
    expect(await state(item.ID)).toMatchObject({ status: 'Processing', isRequestTokenUsed: true });
    const after = (await (await t.api(`${LIST}${item.ID}`)).json()) as Item;
    expect(after.lastModified > item.lastModified).toBe(true);

    const again = await exchange(item.userId, item.requestToken);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Incorrect Credentials. Please Retry',
      code: 5,
    });
  });

  it('refuses a token 24 h old, a wrong user, an unsupported credtype, and a user token on the API', async () => {
    const [a, b] = await firstPending(2);
    if (!a || !b) throw new Error('no pending requests');
    expect((await exchange(b.userId, a.requestToken)).status).toBe(400);
    const credtype = await fetch(`${t.base}/oauth2/v0/token`, {
      method: 'POST',
      body: new URLSearchParams({ ...toForm(CLIENT), grant_type: 'password', credtype: 'password' }),
    });
    expect(await credtype.json()).toMatchObject({ code: 120 });

    const { access_token: userToken } = (await (await exchange(b.userId, b.requestToken)).json()) as {
      access_token: string;
    };
    expect((await t.api(LIST, { headers: { Authorization: `Bearer ${userToken}` } })).status).toBe(403);

    await advance(24 * HOUR);
    expect((await exchange(a.userId, a.requestToken)).status).toBe(400);
    // The next GET replaces the expired token.
    const renewed = (await (await t.api(`${LIST}${a.ID}`)).json()) as Item;
    expect(renewed.requestToken).not.toBe(a.requestToken);
  });
});

describe('the v3.2 queue', () => {
  it('keeps an exchanged request in its place, shown as Pending, until its PUT pops it', async () => {
    await t.reset({ backlog: 3 });
    const queue = await list(`${LIST}?limit=10`);
    const [first] = queue;
    if (!first) throw new Error('no pending request');
    expect((await exchange(first.userId, first.requestToken)).status).toBe(200);

    const after = await list(`${LIST}?limit=10`);
    expect(after.map((item) => [item.ID, item.status])).toEqual(queue.map((item) => [item.ID, 'Pending']));
    expect(((await (await t.api(`${LIST}${first.ID}`)).json()) as Item).status).toBe('Processing');
    expect(await ids('/api/v3.0/common/connectionrequests/?status=Processing')).toEqual([first.ID]);
    expect(await ids(PENDING)).toEqual(queue.slice(1).map((item) => item.ID));

    expect((await put(first.ID, 'CRSUC')).status).toBe(204);
    expect(await ids(`${LIST}?limit=10`)).toEqual(queue.slice(1).map((item) => item.ID));
  });
});

describe('outcomes and requeues', () => {
  it('requeues a CREU* failure after 24 h at the back of the queue with a new token, four times, then keeps it Failed', async () => {
    const [item] = await firstPending();
    if (!item) throw new Error('no pending request');
    for (let n = 1; n <= 4; n += 1) {
      expect((await put(item.ID, 'CREU1')).status).toBe(204);
      expect(await state(item.ID)).toMatchObject({ status: 'Failed', failureCount: n, requeueAt: expect.any(String) });
      await advance(24 * HOUR - 1);
      expect((await state(item.ID)).status).toBe('Failed');
      await advance(1);
      expect((await state(item.ID)).status).toBe('Pending');
    }
    // Seeded Retry and Failed requests have requeued too by now; ours came back last, so it is last.
    const { requests } = (await (await t.control('/_sandbox/stats')).json()) as {
      requests: { byStatus: { Pending: number; Processing: number } };
    };
    const queueLength = requests.byStatus.Pending + requests.byStatus.Processing;
    const tail = await (await t.api(`${LIST}?limit=1&offset=${queueLength - 1}`)).json();
    const last = (tail as { Items: Item[] }).Items[0];
    expect(last?.ID).toBe(item.ID);
    expect(last?.requestToken).not.toBe(item.requestToken);

    expect((await put(item.ID, 'CREU2')).status).toBe(204);
    await advance(48 * HOUR);
    const final = await state(item.ID);
    expect(final).toMatchObject({ status: 'Failed', failureCount: 5, requeueAt: null });
    expect(final.outcomes.map((o) => o.code)).toEqual(['CREU1', 'CREU1', 'CREU1', 'CREU1', 'CREU2']);
    expect(final.notifications).toHaveLength(5);
    expect(final.notifications.every((n) => n.kind === 'failed')).toBe(true);
  });

  it('requeues CRRET after 1 h without notifying; the 49th retry fails for good', async () => {
    const [item] = await firstPending();
    if (!item) throw new Error('no pending request');
    for (let n = 1; n <= 48; n += 1) {
      expect((await put(item.ID, 'CRRET')).status).toBe(204);
      await advance(HOUR);
    }
    expect((await state(item.ID)).status).toBe('Pending');
    expect((await put(item.ID, 'CRRET')).status).toBe(204);
    const final = await state(item.ID);
    expect(final).toMatchObject({ status: 'Failed', retryCount: 49, requeueAt: null, notifications: [] });
  });

  it('treats a repeated PUT as already applied, counts notifications, and frees the user for a new request', async () => {
    const [item] = await firstPending();
    if (!item) throw new Error('no pending request');
    expect((await put(item.ID, 'CRSUC')).status).toBe(204);
    expect((await put(item.ID, 'CRSUC')).status).toBe(204);
    const connected = await state(item.ID);
    expect(connected.outcomes).toHaveLength(1);
    expect(connected.notifications).toEqual([{ kind: 'connected', code: 'CRSUC', at: connected.outcomes[0]?.at }]);
    const stats = (await (await t.control('/_sandbox/stats')).json()) as {
      requests: { byStatus: Record<string, number> };
      outcomes: { total: number };
      notifications: { total: number; connected: number };
    };
    expect(stats.requests.byStatus).toMatchObject({ Pending: 129, Connected: 46 });
    expect(stats.outcomes.total).toBe(1);
    expect(stats.notifications).toMatchObject({ total: 1, connected: 1 });
  });
});
