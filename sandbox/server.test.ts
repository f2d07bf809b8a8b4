import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './testing';

type Item = Record<string, unknown>;
type Page = { Items: Item[]; NextPage: string | null };

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());
beforeEach(() => t.reset());

const LIST = '/api/v3.2/common/connectionrequests/';

describe('authorization', () => {
  it('answers 401 without a header and 403 for an unknown or expired token, in the Concur error body', async () => {
    const missing = await fetch(`${t.base}${LIST}`, { headers: { Accept: 'application/json' } });
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { Error: { Message: string; 'Server-Time': string; Id: string } };
    expect(body.Error.Message).toBe('The Authorization header is not included in the request.');
    expect(body.Error['Server-Time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(body.Error.Id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(missing.headers.get('concur-correlationid')).toMatch(/^[0-9a-f-]{36}$/);

    const unknown = await t.api(LIST, { headers: { Authorization: 'Bearer nope' } });
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toContain('The Oauth token has expired or been revoked.');

    const token = await t.appToken();
    expect((await t.api(LIST, { headers: { Authorization: `OAuth ${token}` } })).status).toBe(200);
    t.sandbox.clock.advance(3599);
    expect((await t.api(LIST, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    t.sandbox.clock.advance(1);
    expect((await t.api(LIST, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
  });

  it('rejects bad clients and missing grant types with Concur OAuth codes', async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${t.base}/oauth2/v0/token`, { method: 'POST', body: new URLSearchParams(form) });
    const badClient = await post({ grant_type: 'client_credentials', client_id: 'test-client', client_secret: 'x' });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Client not found or secret wrong',
      code: 61,
    });
    const noGrant = await post({ client_id: 'test-client', client_secret: 'test-secret' });
    expect(noGrant.status).toBe(400);
    expect(await noGrant.json()).toMatchObject({ code: 65 });
    const good = await post({
      grant_type: 'client_credentials',
      client_id: 'test-client',
      client_secret: 'test-secret',
    });
    expect(await good.json()).toMatchObject({
      expires_in: '3600',
      scope: 'app-scopes',
      token_type: 'Bearer',
      geolocation: t.base,
    });
  });
});

/** Every item of a queue, following NextPage from the first page. */
async function wholeQueue(path: string, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  let next: string | null = `${t.base}${path}?limit=10${query}`;
  while (next) {
    const page = (await (await t.api(next.slice(t.base.length))).json()) as Page;
    items.push(...page.Items);
    next = page.NextPage;
  }
  return items;
}

const inspect = async (id: unknown): Promise<Item> =>
  (await (await t.control(`/_sandbox/requests/${id}`)).json()) as Item;

describe('the list', () => {
  it('pages the v3.2 queue (130 Pending and 25 Processing) with peek semantics: full pages always carry NextPage', async () => {
    const first = (await (await t.api(`${LIST}?limit=10`)).json()) as Page;
    expect(first.Items).toHaveLength(10);
    expect(first.NextPage).toBe(`${t.base}/api/v3.2/common/connectionrequests/?limit=10&offset=10`);
    const last = (await (await t.api(`${LIST}?limit=10&offset=145`)).json()) as Page;
    expect(last.Items).toHaveLength(10);
    expect(last.NextPage).toContain('offset=155');
    const empty = (await (await t.api(`${LIST}?limit=10&offset=155`)).json()) as Page;
    expect(empty).toEqual({ Items: [], NextPage: null });
  });

  it('on v3.2 ignores status and lists Pending and Processing in queue order, each shown as Pending', async () => {
    const queue = await wholeQueue(LIST);
    expect(new Set(queue.map((i) => i.status))).toEqual(new Set(['Pending']));
    const records = await Promise.all(queue.map((item) => inspect(item.ID)));
    expect(records.filter((r) => r.status === 'Pending')).toHaveLength(130);
    expect(records.filter((r) => r.status === 'Processing')).toHaveLength(25);
    const queuedAt = records.map((r) => String(r.queuedAt));
    expect(queuedAt).toEqual([...queuedAt].sort());

    for (const status of ['Failed', 'retry', 'Connected', 'Processing', 'Done', '']) {
      const response = await t.api(`${LIST}?status=${status}&limit=10`);
      expect(response.status, status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.Items.map((i) => i.ID)).toEqual(queue.slice(0, 10).map((i) => i.ID));
      expect(page.NextPage).toBe(`${t.base}/api/v3.2/common/connectionrequests/?limit=10&offset=10`);
    }
  });

  it('reports the stored status when getting one request by id, in every version', async () => {
    // The demo queue happens to start with a request whose token was exchanged.
    const [head] = ((await (await t.api(`${LIST}?limit=1`)).json()) as Page).Items;
    expect(head?.status).toBe('Pending');
    expect((await inspect(head?.ID)).status).toBe('Processing');
    const one = (await (await t.api(`${LIST}${head?.ID}`)).json()) as Item;
    expect(one.status).toBe('Processing');
    const legacy = (await (await t.api(`/api/v3.0/common/connectionrequests/${head?.ID}`)).json()) as Item;
    expect(legacy.Status).toBe('Processing');
  });

  it('on v3.0 and v3.1 filters by status case-insensitively, Pending by default, and refuses bad query values', async () => {
    const retry = (await (await t.api('/api/v3.1/common/connectionrequests/?status=rEtRy&limit=3')).json()) as Page;
    expect(retry.Items.map((i) => i.Status)).toEqual(['Retry', 'Retry', 'Retry']);
    expect(retry.NextPage).toBe(`${t.base}/api/v3.1/common/connectionrequests/?limit=3&offset=3&status=Retry`);
    const pending = await wholeQueue('/api/v3.0/common/connectionrequests/');
    expect(pending).toHaveLength(130);
    expect(new Set(pending.map((i) => i.Status))).toEqual(new Set(['Pending']));
    const processing = await wholeQueue('/api/v3.0/common/connectionrequests/', '&status=processing');
    expect(processing).toHaveLength(25);
    expect(new Set(processing.map((i) => i.Status))).toEqual(new Set(['Processing']));
    for (const query of ['limit=0', 'limit=11', 'limit=x', 'offset=-1', 'offset=abc', 'status=Done']) {
      expect((await t.api(`/api/v3.0/common/connectionrequests/?${query}`)).status, query).toBe(400);
    }
    for (const query of ['limit=0', 'limit=11', 'limit=x', 'offset=-1', 'offset=abc']) {
      expect((await t.api(`${LIST}?${query}`)).status, query).toBe(400);
    }
  });

  it('gives each returned request a request token that later GETs repeat', async () => {
    const first = (await (await t.api(`${LIST}?limit=1`)).json()) as Page;
    const again = (await (await t.api(`${LIST}?limit=1`)).json()) as Page;
    expect(first.Items[0]?.requestToken).toEqual(expect.any(String));
    expect(again.Items[0]?.requestToken).toBe(first.Items[0]?.requestToken);
  });
});

describe('field names per version, JSON and XML', () => {
  it('v3.2 JSON keys in Concur order, camelCase with ID/URI last', async () => {
    const page = (await (await t.api(`${LIST}?limit=1`)).json()) as Page;
    expect(Object.keys(page.Items[0] ?? {})).toEqual([
      'firstName',
      'middleName',
      'lastName',
      'loyaltyNumber',
      'status',
      'requestToken',
      'lastModified',
      'emailAddresses',
      'userId',
      'ID',
      'URI',
    ]);
    expect(String(page.Items[0]?.lastModified)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('v3.1 PascalCase with EmailAddresses, v3.0 without, neither with userId', async () => {
    const v31 = (await (await t.api('/api/v3.1/common/connectionrequests?limit=1')).json()) as Page;
    expect(Object.keys(v31.Items[0] ?? {})).toEqual([
      'ID',
      'URI',
      'FirstName',
      'MiddleName',
      'LastName',
      'LoyaltyNumber',
      'Status',
      'RequestToken',
      'LastModified',
      'EmailAddresses',
    ]);
    expect(Object.keys((v31.Items[0]?.EmailAddresses ?? {}) as object)).toEqual([
      'Email1',
      'Email2',
      'Email3',
      'Email4',
      'Email5',
    ]);
    const v30 = (await (await t.api('/API/V3.0/Common/ConnectionRequests/?limit=1')).json()) as Page;
    expect(Object.keys(v30.Items[0] ?? {})).not.toContain('EmailAddresses');
    expect(String(v30.Items[0]?.URI)).toContain('/api/v3.0/common/connectionrequests/');
  });

  it('answers XML by default, with xsi:nil for nulls, and a single request under its own root', async () => {
    const response = await t.api(`${LIST}?limit=10&offset=150`, { headers: { Accept: 'application/xml' } });
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toMatch(/^<ConnectionRequests xmlns:xsd="[^"]+" xmlns:xsi="[^"]+"><Items><ConnectionRequest><ID>/);
    expect(xml).toContain('<NextPage xsi:nil="true" /></ConnectionRequests>');
    const id = /<ID>([^<]+)<\/ID>/.exec(xml)?.[1];
    const one = await (await t.api(`/api/v3.1/common/connectionrequests/${id}`, { headers: { Accept: '*/*' } })).text();
    expect(one).toMatch(new RegExp(`^<ConnectionRequest xmlns:xsd="[^"]+" xmlns:xsi="[^"]+"><ID>${id}</ID>`));
    expect(one).toContain('<EmailAddresses><Email1');
  });

  it('answers errors and unknown routes in the negotiated format', async () => {
    const xml = await t.api('/api/v3.2/common/connectionrequests/nope', { headers: { Accept: 'text/xml' } });
    expect(xml.status).toBe(404);
    expect(await xml.text()).toMatch(
      /^<Error><Message>.+<\/Message><Server-Time>.+<\/Server-Time><Id>.+<\/Id><\/Error>$/,
    );
    expect((await t.api('/api/v3.3/common/connectionrequests')).status).toBe(404);
    expect((await fetch(`${t.base}/nowhere`)).status).toBe(404);
  });
});

describe('POST ?user= (certification)', () => {
  it('creates a Pending request, then conflicts while it is open', async () => {
    const created = await t.api(`${LIST}?user=cert0001@example.com`, { method: 'POST' });
    expect(created.status).toBe(200);
    const { ID, URI } = (await created.json()) as { ID: string; URI: string };
    expect(URI).toBe(`${t.base}/api/v3.2/common/connectionrequests/${ID}`);
    const state = (await (await t.control(`/_sandbox/requests/${ID}`)).json()) as Item;
    expect(state).toMatchObject({ status: 'Pending', loginId: 'cert0001@example.com' });
    expect((await t.api(`${LIST}?user=cert0001@example.com`, { method: 'POST' })).status).toBe(409);
    expect((await t.api(`${LIST}?user=nobody@example.com`, { method: 'POST' })).status).toBe(400);
    expect((await t.api(LIST, { method: 'POST' })).status).toBe(400);
    const xml = await t.api(`${LIST}?user=cert0002@example.com`, {
      method: 'POST',
      headers: { Accept: 'application/xml' },
    });
    expect(await xml.text()).toMatch(/^<CreateResponse xmlns:xsd="[^"]+" xmlns:xsi="[^"]+"><ID>[^<]+<\/ID><URI>/);
  });
});

describe('PUT', () => {
  it('takes v3.2 status, legacy Status and an XML body, and refuses unknown codes, bodies and ids', async () => {
    const ids = ((await (await t.api(`${LIST}?limit=3`)).json()) as Page).Items.map((i) => String(i.ID));
    const put = (id: string | undefined, body: string, version = '3.2') =>
      t.api(`/api/v${version}/common/connectionrequests/${id}`, { method: 'PUT', body });
    expect((await put(ids[0], '{"status":"CRSUC"}')).status).toBe(204);
    expect((await put(ids[1], '{"Status":"CREU1"}', '3.0')).status).toBe(204);
    expect((await put(ids[2], '<ConnectionRequest><Status>CRRET</Status></ConnectionRequest>', '3.1')).status).toBe(
      204,
    );
    const statuses = await Promise.all(
      ids.map(async (id) => ((await (await t.control(`/_sandbox/requests/${id}`)).json()) as Item).status),
    );
    expect(statuses).toEqual(['Connected', 'Failed', 'Retry']);
    expect((await put(ids[0], '{"status":"CRXXX"}')).status).toBe(400);
    expect((await put(ids[0], '')).status).toBe(400);
    expect((await put('00000000-0000-4000-8000-000000000000', '{"status":"CRSUC"}')).status).toBe(404);
    const wrong = await put(ids[0], '{"status":"CREU1"}');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Connection request is not awaiting an outcome.');
    expect((await put(ids[0], '{"status":"CRSUC"}')).status).toBe(204);
  });
});
