import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import type { ConcurOutcomeCode } from '@/lib/concur/model';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { type RunningSandbox, startSandbox } from './support/sandbox';

let sandbox: RunningSandbox;
let client: ConcurClient;
let control: ReturnType<typeof sandboxControl>;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = sandboxClient(sandbox.baseUrl);
  control = sandboxControl(sandbox.baseUrl);
});
afterAll(() => sandbox.stop());

/** The head of the Pending queue, by v3.0's status filter: the v3.2 list has Processing requests too. */
async function firstPendingId(): Promise<string> {
  const page = await control.get<{ Items: { ID: string }[] }>(
    '/api/v3.0/common/connectionrequests/?status=Pending&limit=1',
  );
  const [first] = page.Items;
  if (!first) throw new Error('no Pending request');
  return first.ID;
}

const HOUR = 3600;

describe('outcome codes and requeue, on the sandbox clock', () => {
  beforeEach(() => control.reset());

  it('CRSUC connects for good and emails the traveller once', async () => {
    const id = await firstPendingId();
    await client.updateConnectionRequest(id, 'CRSUC');
    await control.advanceClock(30 * 24 * HOUR);
    expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Connected' });
    expect((await control.request(id)).notifications).toEqual([
      expect.objectContaining({ kind: 'connected', code: 'CRSUC' }),
    ]);
  });

  it.each(['CREU1', 'CREU2', 'CREU3'] as const)(
    '%s fails, emails, and requeues after 24 hours, 4 times at most',
    async (code) => {
      const id = await firstPendingId();
      for (let failure = 1; failure <= 4; failure += 1) {
        await client.updateConnectionRequest(id, code);
        expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Failed' });
        await control.advanceClock(23 * HOUR);
        expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Failed' });
        await control.advanceClock(1 * HOUR + 1);
        const requeued = await client.getConnectionRequest(id);
        expect(requeued).toMatchObject({ status: 'Pending' });
      }
      await client.updateConnectionRequest(id, code);
      await control.advanceClock(48 * HOUR);
      expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Failed' });
      const record = await control.request(id);
      expect(record.failureCount).toBe(5);
      expect(record.notifications).toHaveLength(5);
    },
  );

  it.each(['CRRET', 'CRPA1', 'CRPA2'] as const)(
    '%s retries after 1 hour without an email, 48 times at most',
    async (code: ConcurOutcomeCode) => {
      const id = await firstPendingId();
      for (let retry = 1; retry <= 48; retry += 1) {
        await client.updateConnectionRequest(id, code);
        if (retry === 1) expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Retry' });
        await control.advanceClock(HOUR + 1);
      }
      expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Pending' });
      await client.updateConnectionRequest(id, code);
      await control.advanceClock(2 * HOUR);
      expect(await client.getConnectionRequest(id)).toMatchObject({ status: 'Failed' });
      const record = await control.request(id);
      expect([record.retryCount, record.notifications.length]).toEqual([49, 0]);
    },
  );

  it('a requeued request comes back at the end of the queue with a new request token', async () => {
    const first = (await client.listConnectionRequests({ limit: 1 })).items[0];
    await client.updateConnectionRequest(first?.id ?? '', 'CRRET');
    await control.advanceClock(HOUR + 1);
    const again = await client.getConnectionRequest(first?.id ?? '');
    expect(again?.status).toBe('Pending');
    expect(again?.requestToken).toBeTruthy();
    expect(again?.requestToken).not.toBe(first?.requestToken);
    const head = (await client.listConnectionRequests({ limit: 1 })).items[0];
    expect(head?.id).not.toBe(first?.id);
  });

  it('refuses a different outcome for a request already decided, and takes the same one again harmlessly', async () => {
    const id = await firstPendingId();
    await client.updateConnectionRequest(id, 'CREU1');
    await expect(client.updateConnectionRequest(id, 'CRSUC')).rejects.toMatchObject({ kind: 'http', status: 400 });
    await client.updateConnectionRequest(id, 'CREU1');
    expect((await control.request(id)).outcomes).toHaveLength(1);
  });
});

describe('paging through a backlog of 35, both ways the facts describe', () => {
  beforeEach(() => control.reset({ backlog: 35 }));

  it('scenario 1: GET everything following NextPage, then PUT all', async () => {
    const sizes: number[] = [];
    const ids: string[] = [];
    let offset: string | undefined;
    for (;;) {
      const page = await client.listConnectionRequests({ limit: 10, offset });
      sizes.push(page.items.length);
      ids.push(...page.items.map((item) => item.id));
      if (!page.next) break;
      expect(page.next).toEqual({ offset: String(ids.length), limit: 10 });
      offset = page.next.offset;
    }
    expect(sizes).toEqual([10, 10, 10, 5]);
    expect(new Set(ids).size).toBe(35);
    for (const id of ids) await client.updateConnectionRequest(id, 'CRSUC');
    expect(await client.listConnectionRequests({ limit: 10 })).toEqual({ items: [], next: null });
  });

  it('scenario 2: GET without offset, PUT the page, repeat', async () => {
    const sizes: number[] = [];
    const seen = new Set<string>();
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await client.listConnectionRequests({ limit: 10 });
      if (page.items.length === 0) break;
      sizes.push(page.items.length);
      expect(page.next).toEqual(page.items.length === 10 ? { offset: '10', limit: 10 } : null);
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
        await client.updateConnectionRequest(item.id, 'CREU1');
      }
    }
    expect(sizes).toEqual([10, 10, 10, 5]);
  });
});
