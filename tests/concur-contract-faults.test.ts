import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { type RunningSandbox, startSandbox } from './support/sandbox';

let sandbox: RunningSandbox;
let client: ConcurClient;
let control: ReturnType<typeof sandboxControl>;

beforeAll(async () => {
  sandbox = await startSandbox();
  // GET by id allowed, so a PUT whose answer was lost is read back.
  client = sandboxClient(sandbox.baseUrl, { timeoutMs: 700, isGetByIdAllowed: true });
  control = sandboxControl(sandbox.baseUrl);
  // Take the app token before any fault is armed, so faults hit the calls under test.
  await client.listConnectionRequests({ limit: 1 });
});
afterAll(() => sandbox.stop());
beforeEach(() => control.clearFaults());

/** The head of the Pending queue, by v3.0's status filter: the v3.2 list has Processing requests too. */
async function firstPendingId(): Promise<string> {
  const page = await control.get<{ Items: { ID: string }[] }>(
    '/api/v3.0/common/connectionrequests/?status=Pending&limit=1',
  );
  const [first] = page.Items;
  if (!first) throw new Error('no Pending request');
  return first.ID;
}

describe('a GET meets a fault', () => {
  it.each(['status-500', 'status-503', 'reset', 'hang'])('%s twice: retried, then answered', async (kind) => {
    await control.addFault({ kind, count: 2, method: 'GET' });
    await expect(client.listConnectionRequests({ limit: 2 })).resolves.toMatchObject({ items: [{}, {}] });
  });

  it('429 with Retry-After: waits as told, then answered', async () => {
    await control.addFault({ kind: 'status-429', count: 1, method: 'GET', retryAfterSeconds: 1 });
    const started = Date.now();
    await client.listConnectionRequests({ limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('429 asking for longer than the client waits: reported, not waited out', async () => {
    await control.addFault({ kind: 'status-429', count: 1, method: 'GET', retryAfterSeconds: 60 });
    await expect(client.listConnectionRequests()).rejects.toMatchObject({ status: 429, retryAfterMs: 60_000 });
  });

  it('a lasting 503: gives up after its retries with Concur’s status and correlation id', async () => {
    await control.addFault({ kind: 'status-503', count: 10, method: 'GET' });
    const error = await client.listConnectionRequests().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 503, correlationId: expect.any(String) });
  });

  it('a slow answer within the time limit is simply awaited', async () => {
    await control.addFault({ kind: 'slow', count: 1, method: 'GET', delayMs: 300 });
    await expect(client.listConnectionRequests({ limit: 1 })).resolves.toMatchObject({ items: [{}] });
  });

  it.each(['malformed-json', 'wrong-content-type'])('%s: a malformed answer, not a crash', async (kind) => {
    await control.addFault({ kind, count: 1, method: 'GET' });
    await expect(client.listConnectionRequests()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('a share of calls failing: every read still gets through', async () => {
    await control.addFault({ kind: 'status-500', share: 0.3, method: 'GET' });
    for (let n = 0; n < 10; n += 1) await client.listConnectionRequests({ limit: 1 });
  });
});

describe('a PUT meets a fault: the outcome is applied exactly once', () => {
  it('503 (not applied): sent again', async () => {
    const id = await firstPendingId();
    await control.addFault({ kind: 'status-503', count: 1, method: 'PUT' });
    await expect(client.updateConnectionRequest(id, 'CREU2')).resolves.toEqual({ confirmedBy: 'response' });
    expect((await control.request(id)).outcomes.map((o) => o.code)).toEqual(['CREU2']);
  });

  it('reset after Concur applied it: read back instead of sent twice', async () => {
    const id = await firstPendingId();
    await control.addFault({ kind: 'reset-after-apply', count: 1, method: 'PUT' });
    await expect(client.updateConnectionRequest(id, 'CRSUC')).resolves.toEqual({ confirmedBy: 'read-back' });
    const record = await control.request(id);
    expect([record.outcomes.length, record.notifications.length]).toEqual([1, 1]);
  });

  it('500 before it was applied: read back, found still Pending, sent once more', async () => {
    const id = await firstPendingId();
    await control.addFault({ kind: 'status-500', count: 1, method: 'PUT' });
    await expect(client.updateConnectionRequest(id, 'CREU1')).resolves.toEqual({ confirmedBy: 'response' });
    expect((await control.request(id)).outcomes).toHaveLength(1);
  });

  it('no answer at all (hang): read back, sent once', async () => {
    const id = await firstPendingId();
    await control.addFault({ kind: 'hang', count: 1, method: 'PUT' });
    await client.updateConnectionRequest(id, 'CRRET');
    expect((await control.request(id)).outcomes.map((o) => o.code)).toEqual(['CRRET']);
  });

  it('when Concur cannot be read back either, the error says so and nothing is sent twice', async () => {
    const id = await firstPendingId();
    await control.addFault({ kind: 'reset-after-apply', count: 1, method: 'PUT' });
    await control.addFault({ kind: 'status-503', count: 10, method: 'GET' });
    await expect(client.updateConnectionRequest(id, 'CREU3')).rejects.toMatchObject({ kind: 'unreachable' });
    await control.clearFaults();
    expect((await control.request(id)).outcomes).toHaveLength(1);
  });
});

describe('the app token', () => {
  it('is renewed once when Concur says it expired, and the call goes through', async () => {
    await control.advanceClock(2 * 3600);
    await expect(client.listConnectionRequests({ limit: 1 })).resolves.toMatchObject({ items: [{}] });
  });

  it('a token endpoint fault is retried like any read', async () => {
    const fresh = sandboxClient(sandbox.baseUrl, { timeoutMs: 700 });
    await control.addFault({ kind: 'status-503', count: 1, pathIncludes: '/oauth2/' });
    await expect(fresh.listConnectionRequests({ limit: 1 })).resolves.toMatchObject({ items: [{}] });
  });
});
