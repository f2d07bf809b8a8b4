import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox } from './context';
import { CLIENT, startTestSandbox, type TestSandbox } from './testing';

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

  it('answers unknown controls, ids and methods plainly', async () => {
    expect((await t.control('/_sandbox/nope')).status).toBe(404);
    expect((await t.control('/_sandbox/requests/unknown')).status).toBe(404);
    expect((await t.control('/_sandbox/stats', {}, 'DELETE')).status).toBe(405);
  });
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
