import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSandbox } from './context';
import { CLIENT, startTestSandbox, type TestSandbox, toForm } from './testing';

describe('the control API', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.stop());

  it('moves the clock forward only, and reset puts it back', async () => {
    const before = Date.parse(((await (await t.control('/_sandbox/clock')).json()) as { now: string }).now);
    const moved = (await (await t.control('/_sandbox/clock', { advanceSeconds: 86_400 })).json()) as { now: string };
    expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect((await t.control('/_sandbox/clock', { advanceSeconds: -1 })).status).toBe(400);
    expect(await (await t.control('/_sandbox/reset', {})).json()).toEqual({ ok: true, requests: 250 });
    const after = Date.parse(((await (await t.control('/_sandbox/clock')).json()) as { now: string }).now);
    expect(after - Date.now()).toBeLessThan(5000);
  });

  it('replaces the data with a generated Pending backlog in one go', async () => {
    const reset = await t.control('/_sandbox/reset', { backlog: 20_000 });
    expect(await reset.json()).toEqual({ ok: true, requests: 20_000 });
    const stats = (await (await t.control('/_sandbox/stats')).json()) as { requests: object };
    expect(stats.requests).toEqual({
      total: 20_000,
      byStatus: { Pending: 20_000, Processing: 0, Connected: 0, Failed: 0, Retry: 0 },
    });
    expect(await (await t.control('/_sandbox/health')).json()).toEqual({ ok: true, requests: 20_000 });
    expect((await t.control('/_sandbox/reset', { backlog: 'lots' })).status).toBe(400);
  });

  it('adds requests from new travellers at the back of the Pending queue, side by side', async () => {
    await t.reset({ backlog: 3 });
    const travellers = [
      { firstName: 'Fern', lastName: 'Fresh-One', loyaltyNumber: '0012345', emails: ['fern@example.org'] },
      { firstName: 'Flo', lastName: 'Fresh-Two' },
    ];
    const added = await t.control('/_sandbox/requests', { travellers });
    const { requests } = (await added.json()) as { requests: { id: string }[] };
    const queue = (await (await t.api('/api/v3.0/common/connectionrequests/?limit=10')).json()) as {
      Items: { ID: string; FirstName: string; LastName: string; LoyaltyNumber: string | null }[];
    };
    expect(queue.Items.slice(3)).toMatchObject([
      { ID: requests[0]?.id, FirstName: 'Fern', LastName: 'Fresh-One', LoyaltyNumber: '0012345' },
      { ID: requests[1]?.id, FirstName: 'Flo', LastName: 'Fresh-Two', LoyaltyNumber: null },
    ]);
    expect((await t.control('/_sandbox/requests', { travellers: [] })).status).toBe(400);
    expect((await t.control('/_sandbox/requests', { travellers: [{ lastName: 'No-First-Name' }] })).status).toBe(400);
  });

  it('answers unknown controls, ids and methods plainly', async () => {
    expect((await t.control('/_sandbox/nope')).status).toBe(404);
    expect((await t.control('/_sandbox/requests/unknown')).status).toBe(404);
    expect((await t.control('/_sandbox/stats', {}, 'DELETE')).status).toBe(405);
  });
});

type Answer = { status: number; body: Record<string, unknown> };

/** One HTTP call with exactly these headers, as a browser page or a rebound host name would send it. */
function send(
  base: string,
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, base), { method: init.method ?? 'POST', headers: init.headers });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const DAY_SECONDS = 86_400;

describe('the control API refuses what another site could send', () => {
  let t: TestSandbox;
  let port: string;
  let faultId: string;
  beforeAll(async () => {
    t = await startTestSandbox();
    port = new URL(t.base).port;
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    await t.reset();
    faultId = (
      (await (await t.control('/_sandbox/faults', { kind: 'status-503', method: 'PUT' })).json()) as { id: string }
    ).id;
    await t.control('/_sandbox/clock', { advanceSeconds: DAY_SECONDS });
  });

  /** The fault armed, the clock moved and the demo set loaded before the refused calls are all still there. */
  async function expectNothingChanged() {
    const { faults } = (await (await t.control('/_sandbox/faults')).json()) as { faults: { id: string }[] };
    expect(faults.map((fault) => fault.id)).toEqual([faultId]);
    const { now } = (await (await t.control('/_sandbox/clock')).json()) as { now: string };
    expect(Date.parse(now) - Date.now()).toBeGreaterThan((DAY_SECONDS - 60) * 1000);
    expect(await (await t.control('/_sandbox/health')).json()).toEqual({ ok: true, requests: 250 });
  }

  it.each(['https://evil.example', 'null', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io:4010'])(
    'refuses a reset, a clock move and a fault change sent from the page of %s',
    async (origin) => {
      const headers = { ...JSON_TYPE, Origin: origin };
      const reset = await send(t.base, '/_sandbox/reset', { headers, body: '{"backlog":0}' });
      expect(reset.status).toBe(403);
      expect(reset.body.error).toMatch(/web page on another site/);
      expect((await send(t.base, '/_sandbox/clock', { headers, body: '{"advanceSeconds":1}' })).status).toBe(403);
      expect((await send(t.base, '/_sandbox/faults', { method: 'DELETE', headers })).status).toBe(403);
      await expectNothingChanged();

      const fromLocalPage = await send(t.base, '/_sandbox/faults', {
        method: 'DELETE',
        headers: { ...JSON_TYPE, Origin: 'http://localhost:3000' },
      });
      expect(fromLocalPage).toEqual({ status: 200, body: { ok: true } });
    },
  );

  it.each([
    ['text/plain;charset=UTF-8', '{"backlog":0}'],
    ['application/x-www-form-urlencoded', 'backlog=0'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="backlog"\r\n\r\n0\r\n--x--'],
    ['application/json-seq', '{"backlog":0}'],
  ])('refuses a reset sent as %s, as a form or a simple fetch sends it', async (contentType, body) => {
    const reset = await send(t.base, '/_sandbox/reset', { headers: { 'Content-Type': contentType }, body });
    expect(reset.status).toBe(415);
    expect(reset.body.error).toMatch(/Content-Type: application\/json/);
    expect((await send(t.base, '/_sandbox/faults', { method: 'DELETE' })).status).toBe(415);
    await expectNothingChanged();

    const asJson = await send(t.base, '/_sandbox/reset', {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"backlog":0}',
    });
    expect(asJson).toEqual({ status: 200, body: { ok: true, requests: 0 } });
  });

  it.each(['evil.example', 'evil.example:4010', 'localhost.evil.example', '127.0.0.1.nip.io'])(
    'refuses a Host of %s (a rebound DNS name) and leaves the Concur routes as Concur has them',
    async (host) => {
      const read = await send(t.base, '/_sandbox/faults', { method: 'GET', headers: { Host: host } });
      expect(read.status).toBe(403);
      expect(read.body.error).toMatch(/127\.0\.0\.1, localhost or \[::1\]/);
      const reset = await send(t.base, '/_sandbox/reset', { headers: { ...JSON_TYPE, Host: host }, body: '{}' });
      expect(reset.status).toBe(403);
      await expectNothingChanged();

      for (const loopback of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LocalHost']) {
        expect((await send(t.base, '/_sandbox/faults', { method: 'GET', headers: { Host: loopback } })).status).toBe(
          200,
        );
      }
      const token = await send(t.base, '/oauth2/v0/token', {
        headers: { Host: host, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...toForm(CLIENT) }).toString(),
      });
      expect(token.status).toBe(200);
      expect(token.body.access_token).toEqual(expect.any(String));
    },
  );
});

describe('the sandbox file', () => {
  it('keeps app tokens and the clock across a restart', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-restart-')), 'sandbox.sqlite');
    const first = openSandbox({ file, credentials: CLIENT });
    first.reset();
    const token = first.tokens.issueAppToken(first.clock.now().getTime());
    first.clock.advance(600);
    first.close();
    const second = openSandbox({ file, credentials: CLIENT });
    const now = second.clock.now().getTime();
    expect(now - Date.now()).toBeGreaterThanOrEqual(599_000);
    expect(second.tokens.isValidAppToken(token, now)).toBe(true);
    expect(second.requests.count()).toBe(250);
    second.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('is filled by `npm run sandbox:backlog`', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-backlog-'));
    const file = path.join(dir, 'sandbox.sqlite');
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'sandbox/backlog.ts',
      '--count',
      '1000',
      '--db',
      file,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ event: 'sandbox.backlog', requests: 1000, file });
    const sandbox = openSandbox({ file, credentials: CLIENT });
    expect(sandbox.requests.countByStatus().Pending).toBe(1000);
    sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
