import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Db } from '@/lib/db';
import { claimRequest, takeOverRequest } from '@/lib/decisions/claims';
import { type DecideDeps, decide } from '@/lib/decisions/decide';
import { runOutboxOnce } from '@/lib/decisions/outbox';
import type { DecideInput } from '@/lib/decisions/schemas';
import { getDecision, recordDecision } from '@/lib/decisions/store';
import { lastNameFirst } from '@/lib/display-name';
import { type PollerDeps, pollOnce } from '@/lib/ledger/poller';
import { getLedgerEntry } from '@/lib/ledger/store';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { testDatabases } from './support/databases';
import { addTestAgents, pendingRequests, testDecideDeps, testPollerDeps } from './support/decisions';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/**
 * Decisions against the real sandbox and real databases: each outcome reaches Concur once, a
 * changed request is not overwritten, and no fault, crash or race loses or doubles a decision.
 * Sends are checked against the ledger the poller keeps (GET by id stays off, as in production).
 */

const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

function decisionFor(request: ConnectionRequest, code: DecideInput['outcomeCode'], note?: string): DecideInput {
  const common = {
    requestId: request.id,
    loaded: { status: request.status, lastModified: request.lastModified },
    note: note ?? null,
  };
  return code === 'CRSUC' ? { ...common, outcomeCode: code, memberId: 'M100001' } : { ...common, outcomeCode: code };
}

describe.each(testDatabases('decisions'))('decisions on $name', (database) => {
  let db: Db;
  let sandbox: RunningSandbox;
  let control: ReturnType<typeof sandboxControl>;
  let concur: ConcurClient;
  let deps: DecideDeps;
  let staff: { ana: string; ben: string };
  let nextPending: () => Promise<ConnectionRequest>;
  let dataDir: string;
  let poller: PollerDeps;
  const poll = () => pollOnce(poller);

  const outcomesOf = async (id: string) => (await control.request(id)).outcomes.map((o) => o.code);
  const decisionOf = (requestId: string) =>
    db
      .selectFrom('decision')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('decided_at', 'desc')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([database.open(), startSandbox()]);
    control = sandboxControl(sandbox.baseUrl);
    concur = sandboxClient(sandbox.baseUrl, { timeoutMs: 700 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-decisions-'));
    deps = testDecideDeps(db, concur, { dataDir });
    poller = testPollerDeps(db, concur, { dataDir });
    staff = await addTestAgents(db, database.name);
    nextPending = pendingRequests(concur, async (id) => (await control.request(id)).status === 'Pending');
    await poll();
  });
  afterAll(async () => {
    await sandbox.stop();
    await database.close(db);
  });
  beforeEach(() => control.clearFaults());

  describe('each outcome code is sent once, with the right body for each API version', () => {
    const cases = (['3.0', '3.1', '3.2'] as const).flatMap((version) =>
      (['CRSUC', 'CREU1', 'CREU2', 'CREU3', 'CRRET'] as const).map((code) => [version, code] as const),
    );
    // Connecting exchanges the request token as the Concur user, whose id only v3.2 sends.
    const exchangeable = cases.filter(([version, code]) => code !== 'CRSUC' || version === '3.2');
    it.each(exchangeable)('v%s %s', async (version, code) => {
      const versioned = sandboxClient(sandbox.baseUrl, { apiVersion: version, timeoutMs: 700 });
      const request = await nextPending();
      const result = await decide(
        testDecideDeps(db, versioned, { dataDir }),
        staff.ana,
        decisionFor(request, code, 'checked'),
      );
      expect(result).toMatchObject({ kind: 'recorded', delivery: { state: 'sent', confirmedBy: 'response' } });
      expect(await outcomesOf(request.id)).toEqual([code]);
      if (result.kind !== 'recorded') return;
      const row = await getDecision(db, result.decisionId);
      expect(row).toMatchObject({
        send_state: 'sent',
        outcome_code: code,
        member_id: code === 'CRSUC' ? 'M100001' : null,
        decided_by: staff.ana,
        note: 'checked',
        attempts: code === 'CRSUC' ? 2 : 1,
        traveller_name: lastNameFirst(request),
      });
    });

    it.each(['3.0', '3.1'] as const)(
      'v%s cannot connect: the decision waits, says why, and nothing is sent',
      async (version) => {
        const versioned = sandboxClient(sandbox.baseUrl, { apiVersion: version, timeoutMs: 700 });
        // A request of its own, Pending in every version's queue, polled as this version polls:
        // without a Concur user id.
        const [added] = (await control.addRequests([{ firstName: 'Vera', lastName: `Version-${version}` }])).requests;
        await pollOnce({ ...poller, concur: versioned });
        const request = (await getLedgerEntry(db, poller.keyring(), added?.id ?? ''))?.request;
        if (!request) throw new Error('the new request was not polled');
        const result = await decide(
          testDecideDeps(db, versioned, { dataDir }),
          staff.ana,
          decisionFor(request, 'CRSUC'),
        );
        await poll();
        expect(result).toMatchObject({
          kind: 'recorded',
          delivery: { state: 'failed', error: expect.stringContaining('CONCUR_API_VERSION=3.2'), nextAttemptAt: null },
        });
        expect(await outcomesOf(request.id)).toEqual([]);
      },
    );
  });

  it('records the decision and its audit event together', async () => {
    const request = await nextPending();
    const result = await decide(deps, staff.ana, decisionFor(request, 'CREU2'));
    const actions = await db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', request.id)
      .orderBy('occurred_at')
      .execute();
    expect(result.kind).toBe('recorded');
    expect(actions.map((a) => a.action)).toEqual(['decision.recorded', 'decision.sent']);
  });

  it('a connection needs a member the directory knows', async () => {
    const request = await nextPending();
    const strict = testDecideDeps(db, concur, { members: ['M999999'], dataDir });
    expect(await decide(strict, staff.ana, decisionFor(request, 'CRSUC'))).toEqual({ kind: 'no-member' });
    expect(await outcomesOf(request.id)).toEqual([]);
  });

  describe('a request that changed since the agent loaded it', () => {
    it('decided elsewhere, as the next poll shows: not sent, and the agent is told', async () => {
      const request = await nextPending();
      await concur.updateConnectionRequest(request.id, 'CRRET');
      await poll();
      const result = await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
      expect(result).toMatchObject({
        kind: 'recorded',
        delivery: { state: 'conflict', error: expect.stringContaining('no longer has this request in its queue') },
      });
      expect(await outcomesOf(request.id)).toEqual(['CRRET']);
    });

    it('back in the queue with a new lastModified: not sent on the old view', async () => {
      const request = await nextPending();
      await concur.updateConnectionRequest(request.id, 'CRRET');
      await control.advanceClock(61 * 60);
      await poll();
      const result = await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
      expect(result).toMatchObject({
        kind: 'recorded',
        delivery: { state: 'conflict', error: expect.stringContaining('it was modified at') },
      });
      expect(await outcomesOf(request.id)).toEqual(['CRRET']);
    });

    it('decided elsewhere since the last poll: Concur refuses the PUT, and nothing is sent twice', async () => {
      const request = await nextPending();
      await concur.updateConnectionRequest(request.id, 'CRRET');
      const result = await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
      expect(result).toMatchObject({
        kind: 'recorded',
        delivery: {
          state: 'failed',
          error: expect.stringContaining('Concur refused it (HTTP 400)'),
          nextAttemptAt: null,
        },
      });
      expect(await outcomesOf(request.id)).toEqual(['CRRET']);
    });

    it('with CONCUR_GET_BY_ID=true, a change since the last poll is caught by reading it back first', async () => {
      const byId = sandboxClient(sandbox.baseUrl, { timeoutMs: 700, isGetByIdAllowed: true });
      const request = await nextPending();
      await concur.updateConnectionRequest(request.id, 'CRRET');
      const before = (await control.calls()).getById.count;
      const result = await decide(
        { ...testDecideDeps(db, byId, { dataDir }), isGetByIdAllowed: true },
        staff.ana,
        decisionFor(request, 'CREU1'),
      );
      expect(result).toMatchObject({
        kind: 'recorded',
        delivery: { state: 'conflict', error: expect.stringContaining('its status is now Retry (it was Pending)') },
      });
      expect((await control.calls()).getById.count).toBe(before + 1);
      expect(await outcomesOf(request.id)).toEqual(['CRRET']);
    });

    it('the same view cannot be decided twice, nor a request with a decision still on its way', async () => {
      const request = await nextPending();
      await control.addFault({ kind: 'status-503', count: 20, method: 'PUT' });
      const first = await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
      expect(first).toMatchObject({ kind: 'recorded', delivery: { state: 'failed' } });
      const second = await decide(deps, staff.ben, decisionFor(request, 'CRSUC'));
      expect(second).toMatchObject({ kind: 'taken', existing: { outcome_code: 'CREU1', decided_by: staff.ana } });
    });
  });

  describe('the outbox under faults: nothing lost, nothing doubled', () => {
    it('a 500 before Concur applied it: a poll finds it still queued, and it is sent once', async () => {
      const request = await nextPending();
      await control.addFault({ kind: 'status-500', count: 1, method: 'PUT' });
      expect(await decide(deps, staff.ana, decisionFor(request, 'CREU3'))).toMatchObject({
        delivery: { state: 'failed', error: expect.stringContaining('Checking its queue') },
      });
      // Nothing is sent again before a poll has shown where the first PUT went.
      await runOutboxOnce({ ...deps, now: later(1) });
      expect(await outcomesOf(request.id)).toEqual([]);
      await poll();
      await runOutboxOnce({ ...deps, now: later(2) });
      expect(await outcomesOf(request.id)).toEqual(['CREU3']);
      expect(await decisionOf(request.id)).toMatchObject({ send_state: 'sent', confirmed_by: 'response' });
    });

    it('a reset after Concur applied the PUT: confirmed by the request leaving the queue, not sent again', async () => {
      const request = await nextPending();
      await control.addFault({ kind: 'reset-after-apply', count: 1, method: 'PUT' });
      expect(await decide(deps, staff.ana, decisionFor(request, 'CRSUC'))).toMatchObject({
        delivery: { state: 'failed', error: expect.stringContaining('Checking its queue') },
      });
      await runOutboxOnce({ ...deps, now: later(1) });
      expect(await decisionOf(request.id)).toMatchObject({ send_state: 'failed' });
      await poll();
      await runOutboxOnce({ ...deps, now: later(2) });
      expect(await decisionOf(request.id)).toMatchObject({ send_state: 'sent', confirmed_by: 'absence' });
      expect(await outcomesOf(request.id)).toEqual(['CRSUC']);
      expect((await control.request(request.id)).notifications).toHaveLength(1);
      // The ledger puts its leaving down to our decision.
      expect(
        await db
          .selectFrom('ledger_request')
          .select(['left_reason', 'left_decision_id'])
          .where('request_id', '=', request.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ left_reason: 'sent', left_decision_id: (await decisionOf(request.id)).id });
    });

    it('Concur down for a while: failed with a reason, resent by the outbox once it is back', async () => {
      const request = await nextPending();
      await control.addFault({ kind: 'status-503', count: 20, method: 'PUT' });
      const result = await decide(deps, staff.ana, decisionFor(request, 'CRRET'));
      expect(result).toMatchObject({
        delivery: { state: 'failed', error: expect.stringContaining('HTTP 503'), nextAttemptAt: expect.any(String) },
      });
      // Not due yet: the backoff holds it back.
      expect(await runOutboxOnce(deps)).toBe(0);
      await control.clearFaults();
      expect(await runOutboxOnce({ ...deps, now: later(5) })).toBeGreaterThanOrEqual(1);
      expect(await outcomesOf(request.id)).toEqual(['CRRET']);
      if (result.kind === 'recorded') {
        expect(await getDecision(db, result.decisionId)).toMatchObject({ send_state: 'sent', last_error: null });
      }
    });

    it('a timeout: the decision waits for a poll, then goes once', async () => {
      const request = await nextPending();
      await control.addFault({ kind: 'hang', count: 3, method: 'PUT' });
      const result = await decide(deps, staff.ana, decisionFor(request, 'CREU1'));
      expect(result).toMatchObject({ delivery: { state: 'failed' } });
      await control.clearFaults();
      await poll();
      await runOutboxOnce({ ...deps, now: later(30) });
      expect(await outcomesOf(request.id)).toEqual(['CREU1']);
    });

    it('a crash before the PUT: the next start sends it', async () => {
      const request = await nextPending();
      const crashed = await recordDecision(
        db,
        {
          requestId: request.id,
          basedOn: { status: request.status, lastModified: request.lastModified },
          outcomeCode: 'CREU2',
          memberId: null,
          decidedBy: staff.ana,
          note: null,
        },
        { owner: 'a process that died', ms: 60_000 },
      );
      // Its lease still runs: nobody else may send it yet.
      expect(await runOutboxOnce(deps)).toBe(0);
      expect(await runOutboxOnce({ ...deps, now: later(2) })).toBe(1);
      expect(await getDecision(db, crashed.id)).toMatchObject({ send_state: 'sent', confirmed_by: 'response' });
      expect(await outcomesOf(request.id)).toEqual(['CREU2']);
    });

    it('a crash after Concur applied the PUT: recovered from the queue, not sent twice', async () => {
      const request = await nextPending();
      const crashed = await recordDecision(
        db,
        {
          requestId: request.id,
          basedOn: { status: request.status, lastModified: request.lastModified },
          outcomeCode: 'CREU2',
          memberId: null,
          decidedBy: staff.ana,
          note: null,
        },
        { owner: 'a process that died', ms: 60_000 },
      );
      // It died after the PUT left (counted, marked unconfirmed) and before the answer came back.
      await db
        .updateTable('decision')
        .set({ attempts: 1, unconfirmed_since: new Date().toISOString() })
        .where('id', '=', crashed.id)
        .execute();
      await concur.updateConnectionRequest(request.id, 'CREU2');
      await runOutboxOnce({ ...deps, now: later(2) });
      expect(await getDecision(db, crashed.id)).toMatchObject({ send_state: 'failed' });
      await poll();
      await runOutboxOnce({ ...deps, now: later(3) });
      expect(await getDecision(db, crashed.id)).toMatchObject({ send_state: 'sent', confirmed_by: 'absence' });
      expect(await outcomesOf(request.id)).toEqual(['CREU2']);
    });
  });

  describe('concurrency', () => {
    it('two agents deciding one request at once: one wins, the other is told', async () => {
      const request = await nextPending();
      const results = await Promise.all([
        decide(deps, staff.ana, decisionFor(request, 'CRSUC')),
        decide({ ...deps, owner: 'another-instance' }, staff.ben, decisionFor(request, 'CREU1')),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['recorded', 'taken']);
      expect(await outcomesOf(request.id)).toHaveLength(1);
    });

    it('a slow send keeps its short lease alive: no other instance takes the decision over meanwhile', async () => {
      const request = await nextPending();
      const patient = sandboxClient(sandbox.baseUrl, { timeoutMs: 5000 });
      const shortLease = testDecideDeps(db, patient, { leaseMs: 300, owner: 'slow-instance', dataDir });
      await control.addFault({ kind: 'slow', count: 1, method: 'PUT', delayMs: 1500 });
      const deciding = decide(shortLease, staff.ana, decisionFor(request, 'CREU2'));
      // While the PUT hangs, the lease is renewed until it ends three lease lengths after the
      // decision was taken: its first term ran out long before.
      await vi.waitFor(
        async () => {
          const { decided_at: takenAt, lease_until: leaseUntil } = await db
            .selectFrom('decision')
            .select(['decided_at', 'lease_until'])
            .where('request_id', '=', request.id)
            .executeTakeFirstOrThrow();
          expect(Date.parse(leaseUntil ?? '') - Date.parse(takenAt)).toBeGreaterThanOrEqual(3 * 300);
        },
        { timeout: 1400, interval: 20 },
      );
      // Renewed, the lease is not up for grabs.
      expect(await runOutboxOnce({ ...deps, owner: 'eager-instance', leaseMs: 300 })).toBe(0);
      expect(await deciding).toMatchObject({ delivery: { state: 'sent' } });
      expect(await outcomesOf(request.id)).toEqual(['CREU2']);
    });

    it('several instances running the outbox together send each decision once', async () => {
      const requests = await Promise.all(Array.from({ length: 6 }, () => nextPending()));
      await control.addFault({ kind: 'status-503', count: 200, method: 'PUT' });
      for (const request of requests) await decide(deps, staff.ana, decisionFor(request, 'CREU3'));
      await control.clearFaults();
      const instances = ['instance-a', 'instance-b', 'instance-c'].map((owner) => ({
        ...deps,
        owner,
        now: later(5),
      }));
      const attempted = await Promise.all(instances.map((instance) => runOutboxOnce(instance)));
      expect(attempted.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(requests.length);
      for (const request of requests) expect(await outcomesOf(request.id)).toEqual(['CREU3']);
    });
  });

  describe('claims', () => {
    it('an agent reviewing a request holds it; another must take over before deciding', async () => {
      const request = await nextPending();
      expect(await claimRequest(db, request.id, staff.ana)).toMatchObject({ staffName: 'Ana Lima' });
      // Ben opening it does not take it from Ana.
      expect(await claimRequest(db, request.id, staff.ben)).toMatchObject({ staffId: staff.ana });
      expect(await decide(deps, staff.ben, decisionFor(request, 'CREU1'))).toEqual({
        kind: 'claimed',
        by: 'Ana Lima',
      });
      expect(await outcomesOf(request.id)).toEqual([]);
      await takeOverRequest(db, request.id, staff.ben);
      expect(await decide(deps, staff.ben, decisionFor(request, 'CREU1'))).toMatchObject({ kind: 'recorded' });
      const takeOver = await db
        .selectFrom('audit_event')
        .select(['actor', 'detail'])
        .where('action', '=', 'request.claim-taken-over')
        .where('subject_id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(takeOver.actor).toBe(staff.ben);
      expect(JSON.parse(takeOver.detail)).toEqual({ fromStaffId: staff.ana });
    });
  });
});
