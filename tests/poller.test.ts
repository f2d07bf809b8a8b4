import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { decide } from '@/lib/decisions/decide';
import { runOutboxOnce } from '@/lib/decisions/outbox';
import type { DecideInput } from '@/lib/decisions/schemas';
import { recordDecision } from '@/lib/decisions/store';
import { jobState, requestRun } from '@/lib/jobs/lease';
import { CONCUR_PAUSE_MS, POLLER_JOB, type PollerDeps, pollOnce } from '@/lib/ledger/poller';
import { markSent } from '@/lib/ledger/record';
import { pollerTiming, pollIfDue, startPoller } from '@/lib/ledger/runner';
import { queuePage } from '@/lib/ledger/store';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { testDatabases } from './support/databases';
import { addTestAgents, testDecideDeps, testPollerDeps } from './support/decisions';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/**
 * The poller and its ledger against the real sandbox over HTTP, on SQLite and PostgreSQL: the
 * whole queue walked as Concur's paging asks (also while PUTs pop it), requeues recognised, the
 * newest request token exchanged under either reading of "generated upon GET", no status
 * parameter and no GET by id, one poller across instances, and Concur's back-off.
 */

const at = (base: Date, ms: number) => () => new Date(base.getTime() + ms);

describe.each(testDatabases('poller'))('the poller on $name', (database) => {
  let db: Db;
  let sandbox: RunningSandbox;
  let control: ReturnType<typeof sandboxControl>;
  let concur: ConcurClient;
  let pollingConcur: ConcurClient;
  let dataDir: string;
  let poller: PollerDeps;
  let staff: { ana: string; ben: string };

  const ledgerRow = (id: string) =>
    db.selectFrom('ledger_request').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
  const inQueue = async () =>
    (await db.selectFrom('ledger_request').select('request_id').where('left_at', 'is', null).execute()).map(
      (row) => row.request_id,
    );
  /** Every request the sandbox has in its Pending queue, walked without the app's client. */
  async function sandboxQueue(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const page = await control.get<{ Items: { ID: string }[]; NextPage: string | null }>(
        `/api/v3.0/common/connectionrequests/?limit=10&offset=${offset}`,
      );
      ids.push(...page.Items.map((item) => item.ID));
      if (!page.NextPage) return ids;
    }
  }
  const decisionFor = (request: ConnectionRequest, code: DecideInput['outcomeCode']): DecideInput => {
    const common = {
      requestId: request.id,
      loaded: { status: 'Pending' as const, lastModified: request.lastModified },
    };
    return code === 'CRSUC'
      ? { ...common, outcomeCode: code, memberId: 'M100001', note: null }
      : { ...common, outcomeCode: code, note: null };
  };
  const entryOf = async (id: string): Promise<ConnectionRequest> => {
    const row = await ledgerRow(id);
    return {
      id,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      loyaltyNumber: null,
      status: row.reported_status,
      reportedCode: row.reported_code,
      requestToken: null,
      lastModified: row.last_modified,
      emails: [],
      userId: row.concur_user_id,
    };
  };

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([database.open(), startSandbox()]);
    control = sandboxControl(sandbox.baseUrl);
    concur = sandboxClient(sandbox.baseUrl, { timeoutMs: 700 });
    // As in production, the poller's client does not retry at once: it waits as Concur asks.
    pollingConcur = sandboxClient(sandbox.baseUrl, {
      timeoutMs: 700,
      deps: { retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
    });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-poller-'));
    poller = testPollerDeps(db, pollingConcur, { dataDir });
    staff = await addTestAgents(db, database.name);
  });
  afterAll(async () => {
    await sandbox.stop();
    await database.close(db);
  });
  beforeEach(async () => {
    await control.reset({ backlog: 35 });
    await control.clearFaults();
    await control.clearCalls();
    // Each test starts from an empty ledger, as a fresh install does.
    for (const table of [
      'ledger_email',
      'ledger_event',
      'ledger_request',
      'poll_cycle',
      'job_lease',
      'traveller_connection',
      'decision',
    ] as const) {
      await db.deleteFrom(table).execute();
    }
  });

  it('walks the whole Pending queue into the ledger, with nothing personal in clear', async () => {
    const result = await pollOnce(poller);
    expect(result).toMatchObject({ walk: 'clean', requests: 35, added: 35, gone: 0, error: null });
    expect(new Set(await inQueue())).toEqual(new Set(await sandboxQueue()));
    // Concur's order is kept.
    expect((await queuePage(db, { offset: 0, limit: 50 })).rows.map((r) => r.request_id)).toEqual(await sandboxQueue());
    const [first] = await sandboxQueue();
    const raw = await control.get<{ loyaltyNumber: string | null; requestToken: string }>(
      `/api/v3.2/common/connectionrequests/${first}`,
    );
    const row = await ledgerRow(first ?? '');
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(raw.requestToken);
    if (raw.loyaltyNumber) expect(stored).not.toContain(raw.loyaltyNumber);
    expect(row).toMatchObject({ times_seen: 1, left_at: null, reported_status: 'Pending' });
    // A second poll finds the same requests: seen twice, none new.
    expect(await pollOnce(poller)).toMatchObject({ walk: 'clean', requests: 35, added: 0 });
    expect((await ledgerRow(first ?? '')).times_seen).toBe(2);
  });

  it('keeps a month of poll cycles and prunes older ones', async () => {
    const old = new Date(Date.now() - 40 * 24 * 3600_000).toISOString();
    await db
      .insertInto('poll_cycle')
      .values({ id: 'an-old-cycle', owner: 'someone', trigger: 'schedule', started_at: old, walk: 'clean' })
      .execute();
    await pollOnce(poller);
    const ids = (await db.selectFrom('poll_cycle').select('id').execute()).map((row) => row.id);
    expect(ids).toHaveLength(1);
    expect(ids).not.toContain('an-old-cycle');
  });

  it('pages correctly while our own PUTs pop the queue under the walk (Scenario 2)', async () => {
    // Our outbox sends only what the ledger already holds.
    await pollOnce(poller);
    const popped: string[] = [];
    const popping: PollerDeps = {
      ...poller,
      concur: {
        async listConnectionRequests(options) {
          const page = await pollingConcur.listConnectionRequests(options);
          // Our outbox sends the first two of every page while the walk goes on.
          for (const item of page.items.slice(0, 2)) {
            if (popped.includes(item.id)) continue;
            await concur.updateConnectionRequest(item.id, 'CRRET');
            await markSent(db, item.id, `decision-for-${item.id}`, new Date().toISOString());
            popped.push(item.id);
          }
          return page;
        },
      },
    };
    const before = await sandboxQueue();
    const result = await pollOnce(popping);
    expect(result.walk).toBe('clean');
    expect(popped.length).toBeGreaterThanOrEqual(6);
    // Every request was seen; only the ones we popped left the queue, put down to our PUTs.
    const rows = await db.selectFrom('ledger_request').select(['request_id', 'left_reason']).execute();
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(before));
    expect(new Set(await inQueue())).toEqual(new Set(before.filter((id) => !popped.includes(id))));
    expect(rows.filter((r) => r.left_reason === 'gone')).toEqual([]);
  });

  it('someone else popping requests mid-walk: the walk knows it was shifted and marks nothing gone', async () => {
    await pollOnce(poller);
    let pops = 0;
    const elsewhere: PollerDeps = {
      ...poller,
      concur: {
        async listConnectionRequests(options) {
          const page = await pollingConcur.listConnectionRequests(options);
          // Another system decides two requests at the head of the queue, unknown to us.
          if (pops++ === 0) {
            for (const item of page.items.slice(0, 2)) await concur.updateConnectionRequest(item.id, 'CREU1');
          }
          return page;
        },
      },
    };
    expect(await pollOnce(elsewhere)).toMatchObject({ walk: 'shifted', gone: 0 });
    expect(await inQueue()).toHaveLength(35);
    // The next clean walk puts them down as gone without a decision of ours.
    expect(await pollOnce(poller)).toMatchObject({ walk: 'clean', gone: 2 });
    expect(new Set(await inQueue())).toEqual(new Set(await sandboxQueue()));
  });

  it('recognises a requeued request as the same one coming back, with its history', async () => {
    await pollOnce(poller);
    const [id] = await sandboxQueue();
    const request = await entryOf(id ?? '');
    const deps = testDecideDeps(db, concur, { dataDir });
    expect(await decide(deps, staff.ana, decisionFor(request, 'CRRET'))).toMatchObject({
      delivery: { state: 'sent' },
    });
    expect(await ledgerRow(request.id)).toMatchObject({ left_reason: 'sent' });
    expect(await pollOnce(poller)).toMatchObject({ gone: 0, returned: 0 });
    // Time passes for the sandbox and for us alike.
    await control.advanceClock(61 * 60);
    expect(await pollOnce({ ...poller, now: at(new Date(), 61 * 60_000) })).toMatchObject({
      walk: 'clean',
      returned: 1,
      added: 0,
    });
    expect(await ledgerRow(request.id)).toMatchObject({ left_at: null, left_reason: null, times_returned: 1 });
    const events = await db
      .selectFrom('ledger_event')
      .select(['kind', 'reason'])
      .where('request_id', '=', request.id)
      .orderBy('at')
      .execute();
    expect(events).toEqual([
      { kind: 'arrived', reason: null },
      { kind: 'left', reason: 'sent' },
      { kind: 'returned', reason: null },
    ]);
  });

  it('accepts an outcome code in the status field of a requeued request', async () => {
    await control.setOptions({ requeuedStatusShowsCode: true });
    await pollOnce(poller);
    const [id] = await sandboxQueue();
    const request = await entryOf(id ?? '');
    await decide(testDecideDeps(db, concur, { dataDir }), staff.ana, decisionFor(request, 'CREU1'));
    await control.advanceClock(24 * 3600 + 60);
    const result = await pollOnce({ ...poller, now: at(new Date(), (24 * 3600 + 60) * 1000) });
    expect(result, String(result.error)).toMatchObject({ walk: 'clean', returned: 1, error: null });
    expect(await ledgerRow(request.id)).toMatchObject({ reported_status: 'Pending', reported_code: 'CREU1' });
  });

  it.each([false, true])('connects with the newest request token (a new token upon every GET: %s)', async (isNew) => {
    await control.setOptions({ newTokenPerGet: isNew });
    await pollOnce(poller);
    await pollOnce(poller);
    // From the ledger: a GET of our own here would issue yet another token.
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    const deps = testDecideDeps(db, concur, { dataDir });
    const result = await decide(deps, staff.ana, decisionFor(request, 'CRSUC'));
    expect(result).toMatchObject({ delivery: { state: 'sent', confirmedBy: 'response' } });
    expect(result).not.toMatchObject({ delivery: { sentInstead: 'CRRET' } });
    expect((await control.request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRSUC']);
  });

  it('a poll between reading the token and exchanging it: the newer token is used, not a CRRET', async () => {
    await control.setOptions({ newTokenPerGet: true });
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    let polls = 0;
    const racing: ConcurClient = {
      ...concur,
      async exchangeRequestToken(input) {
        // A poll lands just before the first exchange: the token we hold is no longer the newest.
        if (polls++ === 0) await pollOnce(poller);
        return concur.exchangeRequestToken(input);
      },
    };
    const result = await decide(testDecideDeps(db, racing, { dataDir }), staff.ana, decisionFor(request, 'CRSUC'));
    expect(result).toMatchObject({ delivery: { state: 'sent' } });
    expect((await control.request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRSUC']);
  });

  it('an exchange that takes the request out of the list (the other reading): the connect still completes', async () => {
    await control.setOptions({ exchangedStayListed: false });
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    // The exchange works; the PUT after it meets Concur down, certainly not applied.
    await control.addFault({ kind: 'status-503', count: 10, method: 'PUT' });
    const deps = testDecideDeps(db, concur, { dataDir });
    expect(await decide(deps, staff.ana, decisionFor(request, 'CRSUC'))).toMatchObject({
      delivery: { state: 'failed' },
    });
    await control.clearFaults();
    // Processing, it has left the list: the poll finds it gone.
    expect(await pollOnce(poller)).toMatchObject({ walk: 'clean', gone: 1 });
    await runOutboxOnce({ ...deps, now: () => new Date(Date.now() + 5 * 60_000) });
    expect((await control.request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRSUC']);
  });

  it('a CRRET back within minutes (two clocks apart) is not taken for a requeue', async () => {
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    // Our send's clock runs two minutes ahead of the poller's: its PUT seems to come after the GET.
    await markSent(db, id ?? '', 'a-decision', new Date(Date.now() - 2 * 60_000).toISOString());
    expect(await pollOnce(poller)).toMatchObject({ returned: 0 });
    expect(await ledgerRow(id ?? '')).toMatchObject({ left_reason: 'sent', times_returned: 0 });
  });

  it('a PUT Concur applies late, after we gave up on its answer, is not sent again', async () => {
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    const deps = testDecideDeps(db, concur, { dataDir, lateApplyMs: 60_000 });
    const putsBefore = (await control.calls()).put.count;
    // The answer is lost and Concur has not applied it yet; a poll right away still finds it.
    await control.addFault({ kind: 'reset', count: 1, method: 'PUT' });
    expect(await decide(deps, staff.ana, decisionFor(request, 'CREU1'))).toMatchObject({
      delivery: { state: 'failed' },
    });
    await pollOnce(poller);
    // Then Concur applies it, late.
    await concur.updateConnectionRequest(request.id, 'CREU1');
    await runOutboxOnce({ ...deps, now: at(new Date(), 20_000) });
    // Only Concur's late application reached it (a PUT the fault cut off is not counted there).
    expect((await control.calls()).put.count).toBe(putsBefore + 1);
    // A poll begun once it could no longer be on its way settles it: gone, so it arrived.
    await pollOnce({ ...poller, now: at(new Date(), 90_000) });
    await runOutboxOnce({ ...deps, now: at(new Date(), 100_000) });
    expect(
      await db
        .selectFrom('decision')
        .select(['send_state', 'confirmed_by'])
        .where('request_id', '=', request.id)
        .executeTakeFirst(),
    ).toEqual({ send_state: 'sent', confirmed_by: 'absence' });
    expect((await control.calls()).put.count).toBe(putsBefore + 1);
  });

  it('a lost answer, still queued at the next poll, then decided elsewhere: a conflict, not "sent"', async () => {
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    const deps = testDecideDeps(db, concur, { dataDir });
    await control.addFault({ kind: 'reset', count: 1, method: 'PUT' });
    await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
    // The first poll after it finds the request queued: our PUT did not arrive.
    await pollOnce(poller);
    // Before our retry, someone else decides it, and the next poll finds it gone.
    await concur.updateConnectionRequest(request.id, 'CREU2');
    expect(await pollOnce(poller)).toMatchObject({ gone: 1 });
    await runOutboxOnce({ ...deps, now: at(new Date(), 60_000) });
    expect(
      await db
        .selectFrom('decision')
        .select(['send_state', 'confirmed_by'])
        .where('request_id', '=', request.id)
        .executeTakeFirst(),
    ).toEqual({ send_state: 'conflict', confirmed_by: null });
    expect((await control.request(request.id)).outcomes.map((o) => o.code)).toEqual(['CREU2']);
  });

  it('a connect retried after an exchange that never happened is checked against the request as it is now', async () => {
    await pollOnce(poller);
    const [id] = (await queuePage(db, { offset: 0, limit: 1 })).rows.map((row) => row.request_id);
    const request = await entryOf(id ?? '');
    // A sender counted an exchange attempt and died before it went out.
    const crashed = await recordDecision(
      db,
      {
        requestId: request.id,
        basedOn: { status: 'Pending', lastModified: request.lastModified },
        outcomeCode: 'CRSUC',
        memberId: 'M100001',
        decidedBy: staff.ana,
        note: null,
      },
      { owner: 'a process that died', ms: 1 },
    );
    await db.updateTable('decision').set({ attempts: 1 }).where('id', '=', crashed.id).execute();
    // Meanwhile the traveller's request came back changed: retried elsewhere, requeued an hour on.
    await concur.updateConnectionRequest(request.id, 'CRRET');
    await control.advanceClock(61 * 60);
    await pollOnce({ ...poller, now: at(new Date(), 61 * 60_000) });
    await runOutboxOnce({ ...testDecideDeps(db, concur, { dataDir }), now: at(new Date(), 62 * 60_000) });
    expect(
      await db.selectFrom('decision').select('send_state').where('id', '=', crashed.id).executeTakeFirst(),
    ).toEqual({
      send_state: 'conflict',
    });
    expect((await control.request(request.id)).outcomes.map((o) => o.code)).toEqual(['CRRET']);
  });

  it('a page our PUTs emptied while someone else popped one before it: the walk cannot vouch for absences', async () => {
    await pollOnce(poller);
    const queue = await sandboxQueue();
    let page = 0;
    const emptying: PollerDeps = {
      ...poller,
      concur: {
        async listConnectionRequests(options) {
          const result = await pollingConcur.listConnectionRequests(options);
          if (page++ === 1) {
            // Our bulk send pops the whole second page, and one request before it goes elsewhere.
            for (const item of result.items) {
              await concur.updateConnectionRequest(item.id, 'CRRET');
              await markSent(db, item.id, `decision-for-${item.id}`, new Date().toISOString());
            }
            await concur.updateConnectionRequest(queue[4] ?? '', 'CREU1');
          }
          return result;
        },
      },
    };
    expect(await pollOnce(emptying)).toMatchObject({ walk: 'shifted', gone: 0 });
    // Every request still in Concur is still in our queue.
    const ours = new Set(await inQueue());
    for (const id of await sandboxQueue()) expect(ours.has(id), id).toBe(true);
  });

  it('never sends a status parameter and never calls GET by id', async () => {
    await pollOnce(poller);
    const queue = await sandboxQueue();
    const deps = testDecideDeps(db, concur, { dataDir });
    await decide(deps, staff.ana, decisionFor(await entryOf(queue[0] ?? ''), 'CRSUC'));
    await decide(deps, staff.ana, decisionFor(await entryOf(queue[1] ?? ''), 'CREU2'));
    await control.addFault({ kind: 'reset-after-apply', count: 1, method: 'PUT' });
    await decide(deps, staff.ana, decisionFor(await entryOf(queue[2] ?? ''), 'CRRET'));
    await pollOnce(poller);
    const calls = await control.calls();
    expect(calls.list.count).toBeGreaterThan(4);
    expect(calls.list.withStatus).toBe(0);
    expect(calls.getById.count).toBe(0);
  });

  it('one poller across instances; when its holder dies, another polls within one interval', async () => {
    const timing = pollerTiming(4000);
    const other = database.openAnotherInstance?.() ?? db;
    const a = { ...poller, owner: 'instance-a' };
    const b = { ...testPollerDeps(other, pollingConcur, { dataDir }), owner: 'instance-b' };
    try {
      const t0 = new Date();
      expect(await pollIfDue({ ...a, now: at(t0, 0) }, timing)).not.toBeNull();
      // B finds the lease held, and a person's request for a poll is A's to answer.
      await requestRun(db, POLLER_JOB, at(t0, 50)());
      expect(await pollIfDue({ ...b, now: at(t0, 100) }, timing)).toBeNull();
      expect(await pollIfDue({ ...a, now: at(t0, 200) }, timing)).toMatchObject({ walk: 'clean' });
      // A dies (it stops renewing). Once its lease runs out, B takes over and polls when due.
      expect(await pollIfDue({ ...b, now: at(t0, timing.leaseMs - 100) }, timing)).toBeNull();
      expect(await pollIfDue({ ...b, now: at(t0, 200 + timing.intervalMs) }, timing)).toMatchObject({
        walk: 'clean',
      });
      expect((await jobState(db, POLLER_JOB)).owner).toBe('instance-b');
    } finally {
      if (other !== db) await other.destroy();
    }
  });

  it('two running pollers: every cycle is one instance’s, and stopping it hands over at once', async () => {
    const other = database.openAnotherInstance?.() ?? db;
    const first = startPoller({ ...poller, owner: 'runner-a' }, 1000);
    const second = startPoller({ ...testPollerDeps(other, pollingConcur, { dataDir }), owner: 'runner-b' }, 1000);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2600));
      const owners = await db.selectFrom('poll_cycle').select('owner').distinct().execute();
      expect(owners).toHaveLength(1);
      const holder = owners[0]?.owner;
      await (holder === 'runner-a' ? first : second).stop();
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const after = await db.selectFrom('poll_cycle').select('owner').distinct().execute();
      expect(after.map((row) => row.owner).sort()).toEqual(['runner-a', 'runner-b']);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      if (other !== db) await other.destroy();
    }
  });

  describe('Concur errors: the documented back-off', () => {
    const timing = pollerTiming(60_000);

    it('a 503: no poll for 5 minutes, not even one a person asks for', async () => {
      await control.addFault({ kind: 'status-503', count: 1, method: 'GET' });
      const t0 = new Date();
      expect(await pollIfDue({ ...poller, now: at(t0, 0) }, timing)).toMatchObject({
        walk: 'failed',
        pauseMs: CONCUR_PAUSE_MS,
      });
      await requestRun(db, POLLER_JOB, t0);
      expect(await pollIfDue({ ...poller, now: at(t0, CONCUR_PAUSE_MS - 1000) }, timing)).toBeNull();
      expect(await pollIfDue({ ...poller, now: at(t0, CONCUR_PAUSE_MS + 1000) }, timing)).toMatchObject({
        walk: 'clean',
      });
      const cycles = await db.selectFrom('poll_cycle').select(['walk', 'error']).orderBy('started_at').execute();
      expect(cycles).toEqual([
        { walk: 'failed', error: 'Concur is unavailable (HTTP 503).' },
        { walk: 'clean', error: null },
      ]);
    });

    it('a timeout: also 5 minutes', async () => {
      await control.addFault({ kind: 'hang', count: 1, method: 'GET' });
      expect(await pollIfDue(poller, timing)).toMatchObject({ walk: 'failed', pauseMs: CONCUR_PAUSE_MS });
    });

    it('a 429: as long as its Retry-After says', async () => {
      await control.addFault({ kind: 'status-429', count: 1, method: 'GET', retryAfterSeconds: 120 });
      const t0 = new Date();
      expect(await pollIfDue({ ...poller, now: at(t0, 0) }, timing)).toMatchObject({
        walk: 'failed',
        pauseMs: 120_000,
      });
      await requestRun(db, POLLER_JOB, t0);
      expect(await pollIfDue({ ...poller, now: at(t0, 110_000) }, timing)).toBeNull();
      expect(await pollIfDue({ ...poller, now: at(t0, 121_000) }, timing)).toMatchObject({ walk: 'clean' });
    });

    it('a failure midway keeps what was seen and marks nothing gone', async () => {
      await pollOnce(poller);
      // Three are decided elsewhere; then Concur fails after the first page.
      for (const id of (await sandboxQueue()).slice(0, 3)) await concur.updateConnectionRequest(id, 'CREU3');
      await control.addFault({ kind: 'status-500', count: 1, method: 'GET', pathIncludes: 'offset=' });
      expect(await pollOnce(poller)).toMatchObject({ walk: 'failed', gone: 0, requests: 10 });
      expect(await inQueue()).toHaveLength(35);
      expect(await pollOnce(poller)).toMatchObject({ walk: 'clean', gone: 3 });
    });
  });
});
