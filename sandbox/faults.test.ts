import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultRegistry, faultInput } from './faults';
import { startTestSandbox, type TestSandbox } from './testing';

const LIST = '/api/v3.2/common/connectionrequests/';

describe('the fault registry', () => {
  it('fires the next N matching calls, narrowed by method and path', () => {
    const faults = createFaultRegistry();
    faults.add(faultInput.parse({ kind: 'status-500', count: 2, method: 'put', pathIncludes: 'ConnectionRequests/' }));
    expect(faults.take('GET', '/api/v3.2/common/connectionrequests/x')).toBeNull();
    expect(faults.take('PUT', '/api/v3.2/common/connectionrequests/x')?.kind).toBe('status-500');
    expect(faults.take('PUT', '/api/v3.2/common/connectionrequests/y')?.remaining).toBe(0);
    expect(faults.take('PUT', '/api/v3.2/common/connectionrequests/z')).toBeNull();
    expect(faults.list()).toMatchObject([{ remaining: 0, fired: 2 }]);
  });

  it('fires a share of calls, the same ones on every run', () => {
    const run = () => {
      const faults = createFaultRegistry();
      faults.add(faultInput.parse({ kind: 'status-503', share: 0.3 }));
      return Array.from({ length: 200 }, () => faults.take('GET', '/api/x') !== null);
    };
    const fired = run();
    expect(run()).toEqual(fired);
    const count = fired.filter(Boolean).length;
    expect(count).toBeGreaterThan(35);
    expect(count).toBeLessThan(85);
  });

  it('defaults to one call and refuses unknown kinds and fields', () => {
    const faults = createFaultRegistry();
    faults.add(faultInput.parse({ kind: 'reset' }));
    expect(faults.list()[0]?.remaining).toBe(1);
    expect(faultInput.safeParse({ kind: 'explode' }).success).toBe(false);
    expect(faultInput.safeParse({ kind: 'reset', pathInclude: '/api' }).success).toBe(false);
  });
});

describe('faults over HTTP', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.stop());
  beforeEach(() => t.reset());

  const addFault = async (fault: object) => {
    const response = await t.control('/_sandbox/faults', fault);
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string };
  };
  // v3.0's default queue is Pending only; the v3.2 list has Processing requests too.
  const firstId = async () =>
    ((await (await t.api('/api/v3.0/common/connectionrequests/?limit=1')).json()) as { Items: { ID: string }[] })
      .Items[0]?.ID ?? '';
  const statusOf = async (id: string) =>
    ((await (await t.control(`/_sandbox/requests/${id}`)).json()) as { status: string }).status;
  const put = (id: string) => t.api(`${LIST}${id}`, { method: 'PUT', body: '{"status":"CRSUC"}' });

  it('answers 429 with Retry-After, then the call after it is served', async () => {
    await addFault({ kind: 'status-429', retryAfterSeconds: 7 });
    const limited = await t.api(LIST);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('concur-correlationid')).toBeTruthy();
    expect((await t.api(LIST)).status).toBe(200);
  });

  it('resets the socket without applying, or after applying, a PUT', async () => {
    const id = await firstId();
    await addFault({ kind: 'reset', method: 'PUT' });
    await expect(put(id)).rejects.toThrow();
    expect(await statusOf(id)).toBe('Pending');
    await addFault({ kind: 'reset-after-apply', method: 'PUT' });
    await expect(put(id)).rejects.toThrow();
    expect(await statusOf(id)).toBe('Connected');
    expect((await put(id)).status).toBe(204);
  });

  it('hangs until the client gives up, and delays a slow answer', async () => {
    await addFault({ kind: 'hang' });
    await expect(t.api(LIST, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    await addFault({ kind: 'slow', delayMs: 120 });
    const started = performance.now();
    expect((await t.api(LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('sends broken 200s: truncated JSON and an HTML page', async () => {
    await addFault({ kind: 'malformed-json', pathIncludes: '/connectionrequests' });
    const malformed = await t.api(LIST);
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get('content-type')).toContain('application/json');
    await expect(malformed.json()).rejects.toThrow();
    await addFault({ kind: 'wrong-content-type' });
    const html = await t.api(LIST);
    expect(html.headers.get('content-type')).toContain('text/html');
  });

  it('faults the token endpoint too, but never the control API; lists and clears faults', async () => {
    await addFault({ kind: 'status-500', share: 1 });
    expect((await t.control('/_sandbox/health')).status).toBe(200);
    const token = await fetch(`${t.base}/oauth2/v0/token`, { method: 'POST' });
    expect(token.status).toBe(500);
    const listed = (await (await t.control('/_sandbox/faults')).json()) as {
      faults: { remaining: null; fired: number }[];
    };
    expect(listed.faults).toMatchObject([{ kind: 'status-500', remaining: null, share: 1, fired: 1 }]);
    expect((await t.control('/_sandbox/faults', undefined, 'DELETE')).status).toBe(200);
    expect((await (await t.control('/_sandbox/faults')).json()) as object).toEqual({ faults: [] });
    expect((await t.control('/_sandbox/faults', { kind: 'nope' })).status).toBe(400);
  });
});
