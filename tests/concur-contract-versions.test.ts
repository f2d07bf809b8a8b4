import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { type RunningSandbox, startSandbox } from './support/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe.each([
  { apiVersion: '3.0', hasEmails: false, hasUserId: false, certUser: 'cert0001@example.com' },
  { apiVersion: '3.1', hasEmails: true, hasUserId: false, certUser: 'cert0002@example.com' },
  { apiVersion: '3.2', hasEmails: true, hasUserId: true, certUser: 'cert0003@example.com' },
] as const)('API v$apiVersion, all four operations', ({ apiVersion, hasEmails, hasUserId, certUser }) => {
  const client = () => sandboxClient(sandbox.baseUrl, { apiVersion });

  it('lists Pending requests in this version’s field names, mapped to one model', async () => {
    const page = await client().listConnectionRequests({ limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.items.every((item) => item.status === 'Pending')).toBe(true);
    const anyEmails = page.items.some((item) => item.emails.length > 0);
    expect(anyEmails).toBe(hasEmails);
    expect(page.items.every((item) => (item.userId !== null) === hasUserId)).toBe(true);
    expect(page.items.every((item) => item.lastName && item.requestToken && item.lastModified.endsWith('Z'))).toBe(
      true,
    );
  });

  it('lists without a status parameter, which only v3.0 and v3.1 know', async () => {
    const control = sandboxControl(sandbox.baseUrl);
    await control.clearCalls();
    await client().listConnectionRequests({ limit: 1 });
    expect((await control.calls()).list).toMatchObject({ count: 1, withStatus: 0 });
  });

  it('gets one request by id with the status Concur holds (v3.2 lists Processing as Pending), null for an unknown id', async () => {
    const [first] = (await client().listConnectionRequests({ limit: 1 })).items;
    const fetched = await client().getConnectionRequest(first?.id ?? '');
    const held = await sandboxControl(sandbox.baseUrl).request(first?.id ?? '');
    expect(fetched).toMatchObject({ id: first?.id, lastName: first?.lastName, status: held.status });
    expect(await client().getConnectionRequest('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('creates a request for a user, then refuses a second open one (409)', async () => {
    const created = await client().createConnectionRequest(certUser);
    expect(created.id).toBeTruthy();
    expect(await client().getConnectionRequest(created.id)).toMatchObject({ status: 'Pending' });
    await expect(client().createConnectionRequest(certUser)).rejects.toMatchObject({ kind: 'http', status: 409 });
    await expect(client().createConnectionRequest('nobody@example.com')).rejects.toMatchObject({
      kind: 'http',
      status: 400,
    });
  });

  it('updates a request with an outcome code (204) and Concur records it once', async () => {
    const [target] = (await client().listConnectionRequests({ limit: 1 })).items;
    const id = target?.id ?? '';
    await expect(client().updateConnectionRequest(id, 'CRSUC')).resolves.toEqual({ confirmedBy: 'response' });
    expect(await client().getConnectionRequest(id)).toMatchObject({ status: 'Connected' });
    const record = await sandboxControl(sandbox.baseUrl).request(id);
    expect(record.outcomes.map((o) => o.code)).toEqual(['CRSUC']);
    expect(record.notifications).toHaveLength(1);
    await expect(
      client().updateConnectionRequest('00000000-0000-4000-8000-000000000000', 'CRSUC'),
    ).rejects.toMatchObject({ status: 404 });
  });
});
