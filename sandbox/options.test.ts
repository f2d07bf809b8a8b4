import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, startTestSandbox, type TestSandbox, toForm } from './testing';

/** The options that switch between readings of Concur's documentation, and the record of calls made. */

type Item = { ID: string; userId: string; requestToken: string; status: string };

const LIST = '/api/v3.2/common/connectionrequests/';
const HOUR = 3600;
const DEFAULTS = { newTokenPerGet: false, requeuedStatusShowsCode: false, exchangedStayListed: true };

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());
beforeEach(() => t.reset({ backlog: 5 }));

const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;
const page = async (query = '?limit=10'): Promise<Item[]> =>
  (await json<{ Items: Item[] }>(t.api(`${LIST}${query}`))).Items;
const byId = (id: string): Promise<Item> => json<Item>(t.api(`${LIST}${id}`));
const setOptions = (options: object) => t.control('/_sandbox/options', options);
const put = (id: string, status: string) => t.api(`${LIST}${id}`, { method: 'PUT', body: JSON.stringify({ status }) });
const advance = (seconds: number) => t.control('/_sandbox/clock', { advanceSeconds: seconds });
const exchange = (item: Item) =>
  fetch(`${t.base}/oauth2/v0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      ...toForm(CLIENT),
      grant_type: 'password',
      credtype: 'authtoken',
      username: item.userId,
      password: item.requestToken,
    }),
  });

async function head(): Promise<Item> {
  const [first] = await page('?limit=1');
  if (!first) throw new Error('no pending request');
  return first;
}

describe('the options', () => {
  it('start at their defaults, change one at a time, refuse what is not a boolean option, and reset back', async () => {
    expect(await json(t.control('/_sandbox/options'))).toEqual(DEFAULTS);
    expect(await json(setOptions({ newTokenPerGet: true }))).toEqual({ ...DEFAULTS, newTokenPerGet: true });
    expect(await json(setOptions({ requeuedStatusShowsCode: true }))).toEqual({
      ...DEFAULTS,
      newTokenPerGet: true,
      requeuedStatusShowsCode: true,
    });
    for (const bad of [{ newTokenPerGet: 'yes' }, { tokenPerGet: true }, { requeuedStatusShowsCode: null }]) {
      const refused = await setOptions(bad);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: expect.any(String) });
    }
    expect(await json(t.control('/_sandbox/options'))).toEqual({
      ...DEFAULTS,
      newTokenPerGet: true,
      requeuedStatusShowsCode: true,
    });
    await t.control('/_sandbox/reset', {});
    expect(await json(t.control('/_sandbox/options'))).toEqual(DEFAULTS);
  });
});

describe('newTokenPerGet', () => {
  it('off: later GETs repeat the token, which exchanges', async () => {
    const listed = await head();
    const again = await byId(listed.ID);
    expect(again.requestToken).toBe(listed.requestToken);
    expect((await exchange(listed)).status).toBe(200);
  });

  it('on: every GET gives a new token; only the newest exchanges', async () => {
    await setOptions({ newTokenPerGet: true });
    const listed = await head();
    const again = await byId(listed.ID);
    expect(again.requestToken).toEqual(expect.any(String));
    expect(again.requestToken).not.toBe(listed.requestToken);
    const older = await exchange(listed);
    expect(older.status).toBe(400);
    expect(await older.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Incorrect Credentials. Please Retry',
      code: 5,
    });
    expect((await exchange(again)).status).toBe(200);
  });
});

describe('requeuedStatusShowsCode', () => {
  async function requeuedAfter(code: string, seconds: number): Promise<string> {
    const { ID } = await head();
    expect((await put(ID, code)).status).toBe(204);
    await advance(seconds);
    return ID;
  }

  it('off: a request requeued after CREU1 shows Pending', async () => {
    const id = await requeuedAfter('CREU1', 24 * HOUR);
    expect((await byId(id)).status).toBe('Pending');
    expect((await page()).find((item) => item.ID === id)?.status).toBe('Pending');
  });

  it('on: a request requeued after CREU1 or CRRET shows that code in every GET, and still takes a PUT', async () => {
    await setOptions({ requeuedStatusShowsCode: true });
    const failed = await requeuedAfter('CREU1', 24 * HOUR);
    const retried = await requeuedAfter('CRRET', HOUR);
    const state = await json<{ status: string }>(t.control(`/_sandbox/requests/${failed}`));
    expect(state.status).toBe('Pending');
    expect((await byId(failed)).status).toBe('CREU1');
    const v30 = await json<{ Status: string }>(t.api(`/api/v3.0/common/connectionrequests/${retried}`));
    expect(v30.Status).toBe('CRRET');
    const shown = Object.fromEntries((await page()).map((item) => [item.ID, item.status]));
    expect(shown).toEqual(expect.objectContaining({ [failed]: 'CREU1', [retried]: 'CRRET' }));
    // Requests never given an outcome still show Pending.
    expect(Object.values(shown).filter((status) => status === 'Pending')).toHaveLength(3);

    expect((await put(failed, 'CRSUC')).status).toBe(204);
    expect((await byId(failed)).status).toBe('Connected');
  });
});

type Calls = {
  list: { count: number; withStatus: number; ms: number };
  getById: { count: number; ms: number };
  put: { count: number };
  post: { count: number };
  token: { count: number };
};

describe('the calls record', () => {
  const calls = () => json<Calls>(t.control('/_sandbox/calls'));
  const ZERO: Calls = {
    list: { count: 0, withStatus: 0, ms: 0 },
    getById: { count: 0, ms: 0 },
    put: { count: 0 },
    post: { count: 0 },
    token: { count: 0 },
  };

  it('counts the Concur API calls that reached the sandbox, and nothing of the control API', async () => {
    expect(await json(t.control('/_sandbox/calls', undefined, 'DELETE'))).toEqual({ ok: true });
    expect(await calls()).toEqual(ZERO);

    const { ID } = await head();
    await page('?limit=2&status=Failed');
    await t.api('/api/v3.0/common/connectionrequests/?status=Retry');
    await byId(ID);
    await put(ID, 'CRSUC');
    await t.api(`${LIST}?user=cert0001@example.com`, { method: 'POST' });
    await t.appToken();
    await t.control('/_sandbox/stats');

    const counted = await calls();
    expect(counted).toEqual({
      list: { count: 3, withStatus: 2, ms: expect.any(Number) },
      getById: { count: 1, ms: expect.any(Number) },
      put: { count: 1 },
      post: { count: 1 },
      token: { count: 1 },
    });
    expect(counted.list.ms).toBeGreaterThan(0);
    expect(counted.getById.ms).toBeGreaterThan(0);

    expect(await json(t.control('/_sandbox/calls', undefined, 'DELETE'))).toEqual({ ok: true });
    expect(await calls()).toEqual(ZERO);
  });

  it('leaves out calls a fault answered in Concur’s place, and is cleared by a reset', async () => {
    await t.control('/_sandbox/calls', undefined, 'DELETE');
    await t.control('/_sandbox/faults', { kind: 'status-503', method: 'GET' });
    expect((await t.api(LIST)).status).toBe(503);
    await page();
    expect((await calls()).list.count).toBe(1);
    await t.control('/_sandbox/reset', {});
    expect(await calls()).toEqual(ZERO);
  });
});
