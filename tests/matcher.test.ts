import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import { loadKeyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import { decide } from '@/lib/decisions/decide';
import { deliverDecision } from '@/lib/decisions/deliver';
import { runOutboxOnce } from '@/lib/decisions/outbox';
import type { DecideInput } from '@/lib/decisions/schemas';
import { pollOnce } from '@/lib/ledger/poller';
import { changeMatcherSettings, setMatcherPaused } from '@/lib/matcher/admin';
import { endHeld, promoteDue, sendHeldEarly } from '@/lib/matcher/hold';
import { type MatcherDeps, matchPass } from '@/lib/matcher/pass';
import { matcherOverview, matcherViewsFor } from '@/lib/matcher/queries';
import { matchIfHolder, type PassMemory } from '@/lib/matcher/runner';
import type { MatchPolicy } from '@/lib/matcher/settings';
import { readMatcherSettings, writeSetting } from '@/lib/matcher/settings';
import { seedDemoMembersIfEmpty } from '@/lib/members/demo';
import { createDbMemberDirectory, type MemberDirectory } from '@/lib/members/directory';
import { importMembersCsv } from '@/lib/members/import';
import { generateDemoMembers } from '@/scripts/generate-demo-members';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { type SandboxTravellerInput, sandboxControl } from '@/scripts/lib/sandbox-control';
import { testDatabases } from './support/databases';
import { addTestAgents, testDecideDeps, testPollerDeps } from './support/decisions';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/**
 * The automatic matcher against the real sandbox over HTTP, on SQLite and PostgreSQL: each rule
 * and each reason a request is left to people, shadow agreement, the hold window and every
 * override (also racing the send, and across a restart), pause, judging again after a requeue
 * and an import, and two instances never deciding one request twice.
 */

const MINUTE = 60_000;
const HEADER = 'member_id,first_name,middle_name,last_name,loyalty_number,emails';
const noEnv = { matcher: { policy: null, holdMs: null } };

/** Letters only, so a name's key stays the name. */
function letters(n: number): string {
  let text = '';
  for (let rest = n; text.length === 0 || rest > 0; rest = Math.floor(rest / 26)) {
    text = String.fromCharCode(97 + (rest % 26)) + text;
  }
  return text;
}

describe.each(testDatabases('matcher'))('the automatic matcher on $name', (database) => {
  let db: Db;
  let sandbox: RunningSandbox;
  let control: ReturnType<typeof sandboxControl>;
  let concur: ConcurClient;
  let dataDir: string;
  let staff: { ana: string; ben: string };
  let serial = 0;
  let start: Date;

  const clockAt = (ms: number) => () => new Date(start.getTime() + ms);
  const deps = (overrides: Partial<MatcherDeps> = {}): MatcherDeps => ({
    db,
    concur,
    logger: pino({ level: 'silent' }),
    owner: 'test-matcher',
    leaseMs: 60_000,
    keyring: () => loadKeyring({ dataDir, tokenKeys: null }),
    lateApplyMs: 0,
    directory: createDbMemberDirectory(db),
    env: noEnv,
    now: () => start,
    ...overrides,
  });
  const poll = (now?: () => Date) =>
    pollOnce(
      testPollerDeps(
        db,
        sandboxClient(sandbox.baseUrl, {
          timeoutMs: 2000,
          deps: { retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
        }),
        { dataDir, now },
      ),
    );
  const setPolicy = (policy: MatchPolicy, holdMs: number, switches: { email?: boolean; fail?: boolean } = {}) =>
    changeMatcherSettings(db, noEnv, staff.ana, {
      policy,
      holdMs,
      isEmailRuleOn: switches.email ?? false,
      isAutoFailOn: switches.fail ?? false,
    });
  /** A last name of this test's own, so no other test's members or requests can match it. */
  const nextSerial = () => {
    serial += 1;
    return serial;
  };
  const surname = () => `Zq${letters(nextSerial() + (database.name === 'SQLite' ? 0 : 5000))}`;
  const memberId = () => `T${database.name.slice(0, 2)}${nextSerial()}`;
  const loyalty = () => `88${String(nextSerial() + (database.name === 'SQLite' ? 0 : 500_000)).padStart(7, '0')}`;
  const addMembers = async (...rows: string[]) => {
    const result = await importMembersCsv(db, Readable.from([[HEADER, ...rows].join('\n')]));
    expect(result.ok).toBe(true);
  };
  const addTravellers = async (travellers: SandboxTravellerInput[]) =>
    (await control.addRequests(travellers)).requests.map((request) => request.id);
  const judgement = (requestId: string) =>
    db
      .selectFrom('match_evaluation')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('superseded_at', 'is', null)
      .executeTakeFirstOrThrow();
  const decisionsOf = (requestId: string) =>
    db.selectFrom('decision').selectAll().where('request_id', '=', requestId).orderBy('decided_at').execute();
  const heldOf = async (requestId: string) => {
    const held = (await decisionsOf(requestId)).find((row) => row.send_state === 'held');
    if (!held) throw new Error(`no held decision for ${requestId}`);
    return held;
  };
  const outcomesAt = async (requestId: string) => (await control.request(requestId)).outcomes.map((o) => o.code);
  const staffDecision = async (
    requestId: string,
    choice: { code: DecideInput['outcomeCode']; memberId?: string; overrides?: string },
    now = clockAt(0),
  ) => {
    const row = await db
      .selectFrom('ledger_request')
      .select('last_modified')
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    const common = {
      requestId,
      loaded: { status: 'Pending' as const, lastModified: row.last_modified },
      note: null,
      overridesDecisionId: choice.overrides,
    };
    const input: DecideInput =
      choice.code === 'CRSUC'
        ? { ...common, outcomeCode: 'CRSUC', memberId: choice.memberId ?? '' }
        : { ...common, outcomeCode: choice.code };
    return decide(testDecideDeps(db, concur, { dataDir, now }), staff.ben, input);
  };
  /** A traveller with exactly one member of the same last name and loyalty number, and nothing shared. */
  const fullMatch = () => {
    const lastName = surname();
    const number = loyalty();
    const id = memberId();
    return {
      traveller: {
        firstName: 'Ann',
        lastName,
        loyaltyNumber: number,
        emails: [`${lastName.toLowerCase()}@example.com`],
      },
      member: `${id},Ann,,${lastName},${number},${lastName.toLowerCase()}@example.com`,
      memberId: id,
      lastName,
    };
  };

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([database.open(), startSandbox()]);
    control = sandboxControl(sandbox.baseUrl);
    concur = sandboxClient(sandbox.baseUrl, { timeoutMs: 2000 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-matcher-'));
    staff = await addTestAgents(db, database.name);
    await seedDemoMembersIfEmpty(db);
  });
  afterAll(async () => {
    await sandbox.stop();
    await database.close(db);
  });
  beforeEach(async () => {
    // An empty queue: each test adds the travellers it needs.
    await control.reset({ backlog: 0 });
    await control.clearFaults();
    for (const table of [
      'match_evaluation',
      'ledger_email',
      'ledger_event',
      'ledger_request',
      'poll_cycle',
      'job_lease',
      'traveller_connection',
      'decision',
      'audit_event',
    ] as const) {
      await db.deleteFrom(table).execute();
    }
    await db.deleteFrom('app_setting').where('key', 'like', 'matcher.%').execute();
    start = new Date();
  });

  it('in shadow judges the demo queue, sends nothing, and leaves every planned near miss to people', async () => {
    await control.reset();
    await poll();
    const result = await matchPass(deps());
    expect(result).toMatchObject({ policy: 'shadow', held: 0, sent: 0 });
    const evaluations = await db.selectFrom('match_evaluation').selectAll().execute();
    const queued = await db.selectFrom('ledger_request').select('request_id').where('left_at', 'is', null).execute();
    expect(evaluations).toHaveLength(queued.length);
    const { nearMisses } = generateDemoMembers();
    const byRequest = new Map(evaluations.map((row) => [row.request_id, row]));
    const judgedNearMisses = [...nearMisses].filter(([id]) => byRequest.has(id));
    expect(judgedNearMisses.length).toBeGreaterThan(10);
    expect(judgedNearMisses.filter(([id]) => byRequest.get(id)?.verdict !== 'exception')).toEqual([]);
    expect(evaluations.filter((row) => row.verdict === 'connect').length).toBeGreaterThan(evaluations.length / 2);
    expect(await db.selectFrom('decision').selectAll().execute()).toEqual([]);
    expect((await control.stats()).outcomes.total).toBe(0);
  });

  it('connects only by the rule, and names the reason for everything it leaves to people', async () => {
    const cases: { expect: string; traveller: SandboxTravellerInput; members: string[] }[] = [];
    const add = (expected: string, traveller: SandboxTravellerInput, members: string[]) =>
      cases.push({ expect: expected, traveller, members });
    const full = fullMatch();
    add('connect:last-loyalty', full.traveller, [full.member]);
    {
      const [s, e] = [surname(), `${surname().toLowerCase()}@example.com`];
      add('exception:several-candidates', { firstName: 'Bo', lastName: s, emails: [e] }, [
        `${memberId()},Bo,,${s},,${e}`,
        `${memberId()},Bo,,${s},,${e}`,
      ]);
    }
    {
      const [s, n] = [surname(), loyalty()];
      add('exception:several-candidates', { firstName: 'Cy', lastName: s, loyaltyNumber: n }, [
        `${memberId()},Cy,,${s},${n},`,
        `${memberId()},Cy,,${s},${n},`,
      ]);
    }
    {
      const [s, n, e] = [surname(), loyalty(), `${surname().toLowerCase()}@example.com`];
      add('exception:shared-key', { firstName: 'Di', lastName: s, loyaltyNumber: n, emails: [e] }, [
        `${memberId()},Di,,${s},${n},`,
        `${memberId()},Ed,,${surname()},,${e}`,
      ]);
    }
    {
      const [s, n] = [surname(), loyalty()];
      add('exception:spelling-differs', { firstName: 'Fa', lastName: `${s}-Rü`, loyaltyNumber: n }, [
        `${memberId()},Fa,,${s} Ru,${n},`,
      ]);
    }
    {
      const [s, n] = [surname(), loyalty()];
      add('exception:first-name-differs', { firstName: 'Robert', lastName: s, loyaltyNumber: n }, [
        `${memberId()},Bob,,${s},${n},`,
      ]);
    }
    {
      const n = loyalty();
      add('exception:loyalty-only', { firstName: 'Gi', lastName: surname(), loyaltyNumber: n }, [
        `${memberId()},Gi,,${surname()},${n},`,
      ]);
    }
    {
      const e = `${surname().toLowerCase()}@example.com`;
      add('exception:email-only', { firstName: 'Ha', lastName: surname(), emails: [e] }, [
        `${memberId()},Ha,,${surname()},,${e}`,
      ]);
    }
    {
      const [s, e] = [surname(), `${surname().toLowerCase()}@example.com`];
      add('exception:loyalty-differs', { firstName: 'Io', lastName: s, loyaltyNumber: loyalty(), emails: [e] }, [
        `${memberId()},Io,,${s},${loyalty()},${e}`,
      ]);
    }
    {
      const [s, e] = [surname(), `${surname().toLowerCase()}@example.com`];
      add('exception:email-rule-off', { firstName: 'Jo', lastName: s, emails: [e] }, [`${memberId()},Jo,,${s},,${e}`]);
    }
    {
      const s = surname();
      add('exception:last-name-only', { firstName: 'Ka', lastName: s, loyaltyNumber: loyalty() }, [
        `${memberId()},Ka,,${s},${loyalty()},`,
      ]);
    }
    add('exception:no-candidate', { firstName: 'Li', lastName: surname(), loyaltyNumber: loyalty() }, []);
    add('exception:no-keys', { firstName: 'Mo', lastName: surname() }, []);

    await addMembers(...cases.flatMap((c) => c.members));
    const ids = await addTravellers(cases.map((c) => c.traveller));
    await poll();
    await matchPass(deps());
    const verdicts = [];
    for (const id of ids) {
      const row = await judgement(id);
      verdicts.push(`${row.verdict}:${row.rule ?? row.reason}`);
    }
    expect(verdicts).toEqual(cases.map((c) => c.expect));
    expect(JSON.parse((await judgement(ids[0] ?? '')).evidence)).toEqual({
      candidates: [{ memberId: full.memberId, label: '+LAST +LOYALTY +EMAIL' }],
    });
  });

  it('under auto with both switches on: the email rule connects, CREU1 goes only when no member matches at all', async () => {
    const [s, e] = [surname(), `${surname().toLowerCase()}@example.com`];
    const byEmail = memberId();
    await addMembers(`${byEmail},Jo,,${s},,${e}`, `${memberId()},Ka,,${surname()},,`);
    const [emailMatch, nobody, namesake] = await addTravellers([
      { firstName: 'Jo', lastName: s, emails: [e] },
      { firstName: 'Li', lastName: surname(), loyaltyNumber: loyalty() },
      { firstName: 'Mo', lastName: s, loyaltyNumber: loyalty() },
    ]);
    await setPolicy('auto', 0, { email: true, fail: true });
    await poll();
    const result = await matchPass(deps());
    expect(result).toMatchObject({ held: 2, sent: 2 });
    expect(await outcomesAt(emailMatch ?? '')).toEqual(['CRSUC']);
    expect(await outcomesAt(nobody ?? '')).toEqual(['CREU1']);
    // A namesake is a candidate: never failed automatically.
    expect(await outcomesAt(namesake ?? '')).toEqual([]);
    expect((await judgement(namesake ?? '')).reason).toBe('last-name-only');
    const connection = await db
      .selectFrom('traveller_connection')
      .select('member_id')
      .where('request_id', '=', emailMatch ?? '')
      .executeTakeFirstOrThrow();
    expect(connection.member_id).toBe(byEmail);
    const decided = await db
      .selectFrom('audit_event')
      .select(['actor', 'detail'])
      .where('action', '=', 'matcher.decided')
      .execute();
    expect(decided.map((event) => event.actor)).toEqual(['auto-match', 'auto-match']);
    expect(decided.map((event) => JSON.parse(event.detail).rule).sort()).toEqual(['last-email', 'no-member']);
  });

  it('a failed member lookup is an exception, never a CREU1, and five in a row pause the matcher', async () => {
    const failing: MemberDirectory = {
      byLoyaltyNumber: async () => {
        throw new Error('directory down');
      },
      byLoyaltyNumbers: async () => [],
      byEmails: async () => {
        throw new Error('directory down');
      },
      byLastName: async () => {
        throw new Error('directory down');
      },
      get: async () => null,
    };
    await addTravellers(
      Array.from({ length: 6 }, () => ({ firstName: 'Ny', lastName: surname(), loyaltyNumber: loyalty() })),
    );
    await setPolicy('auto', 0, { fail: true });
    await poll();
    const result = await matchPass(deps({ directory: failing }));
    expect(result.held).toBe(0);
    expect(result.pausedNow).toContain('member directory');
    const reasons = await db.selectFrom('match_evaluation').select('reason').execute();
    expect(reasons.map((row) => row.reason)).toEqual(Array(6).fill('lookup-failed'));
    expect((await readMatcherSettings(db, noEnv)).pause).toMatchObject({ isSelf: true, by: 'auto-match' });
    expect((await control.stats()).outcomes.total).toBe(0);
    // A person resumes it: earlier failures no longer count.
    await setMatcherPaused(db, staff.ana, false, clockAt(1000)());
    expect((await matchPass(deps({ now: clockAt(2000) }))).pausedNow).toBeNull();
  });

  it('pauses itself when polling Concur keeps failing', async () => {
    await setPolicy('auto', 0);
    for (const minutes of [3, 2, 1]) {
      await db
        .insertInto('poll_cycle')
        .values({
          id: `failed-${minutes}`,
          owner: 'someone',
          trigger: 'schedule',
          started_at: new Date(start.getTime() - minutes * MINUTE).toISOString(),
          walk: 'failed',
          error: 'Concur is unavailable (HTTP 503).',
        })
        .execute();
    }
    expect((await matchPass(deps())).pausedNow).toContain('Polling Concur failed 3 times');
  });

  it('in shadow counts how often people agree with each rule', async () => {
    const [agreed, disagreed] = [fullMatch(), fullMatch()];
    await addMembers(agreed.member, disagreed.member);
    const [a, d, x] = await addTravellers([
      agreed.traveller,
      disagreed.traveller,
      { firstName: 'Li', lastName: surname(), loyaltyNumber: loyalty() },
    ]);
    await poll();
    await matchPass(deps());
    await staffDecision(a ?? '', { code: 'CRSUC', memberId: agreed.memberId });
    await staffDecision(d ?? '', { code: 'CREU2' });
    await staffDecision(x ?? '', { code: 'CREU1' });
    const overview = await matcherOverview(db, noEnv);
    expect(overview.agreement.find((row) => row.rule === 'last-loyalty')).toMatchObject({ agree: 1, disagree: 1 });
    expect((await judgement(x ?? '')).agreement).toBeNull();
    expect(overview.held).toBe(0);
  });

  it('holds each covered request for the window, and every kind of override wins over the send', async () => {
    const matches = Array.from({ length: 6 }, fullMatch);
    const other = memberId();
    await addMembers(...matches.map((m) => m.member), `${other},Ann,,${surname()},${loyalty()},`);
    const ids = await addTravellers(matches.map((m) => m.traveller));
    const [cancelled, failed, connectedElsewhere, retried, sentNow, untouched] = ids.map(String) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await setPolicy('auto', 10 * MINUTE);
    await poll();
    expect(await matchPass(deps())).toMatchObject({ held: 6, sent: 0 });
    const held = await heldOf(untouched);
    expect(held).toMatchObject({ decided_by: 'auto-match', outcome_code: 'CRSUC', member_id: matches[5]?.memberId });
    expect(held.hold_until).toBe(new Date(start.getTime() + 10 * MINUTE).toISOString());
    const views = await matcherViewsFor(db, ids.map(String));
    expect(views.get(untouched)?.held).toMatchObject({ decisionId: held.id, memberId: matches[5]?.memberId });

    expect(await endHeld(db, (await heldOf(cancelled)).id, { state: 'cancelled', by: staff.ben, reason: null })).toBe(
      true,
    );
    expect(await staffDecision(failed, { code: 'CREU2', overrides: (await heldOf(failed)).id })).toMatchObject({
      kind: 'recorded',
    });
    await staffDecision(connectedElsewhere, {
      code: 'CRSUC',
      memberId: other,
      overrides: (await heldOf(connectedElsewhere)).id,
    });
    await staffDecision(retried, { code: 'CRRET', overrides: (await heldOf(retried)).id });
    const early = await heldOf(sentNow);
    expect(await sendHeldEarly(db, early.id, staff.ben, { owner: 'test-matcher', ms: 60_000 }, start)).toBe(true);
    expect(await deliverDecision(deps(), early.id, 'test-matcher')).toMatchObject({ state: 'sent' });
    expect(await outcomesAt(sentNow)).toEqual(['CRSUC']);
    // Deciding without naming the held decision is refused: the page must show it first.
    expect(await staffDecision(untouched, { code: 'CREU1' })).toMatchObject({ kind: 'taken' });

    // Restarted inside the window: a new instance, whose clock is past every hold.
    const second = database.openAnotherInstance?.() ?? db;
    try {
      const restarted = deps({ db: second, owner: 'second-instance', now: clockAt(11 * MINUTE) });
      expect(await matchPass(restarted)).toMatchObject({ sent: 1 });
      expect(await matchPass(restarted)).toMatchObject({ sent: 0, held: 0 });
    } finally {
      if (second !== db) await second.destroy();
    }
    expect(await outcomesAt(cancelled)).toEqual([]);
    expect(await outcomesAt(failed)).toEqual(['CREU2']);
    expect(await outcomesAt(connectedElsewhere)).toEqual(['CRSUC']);
    expect(await outcomesAt(retried)).toEqual(['CRRET']);
    expect(await outcomesAt(sentNow)).toEqual(['CRSUC']);
    expect(await outcomesAt(untouched)).toEqual(['CRSUC']);
    const connection = await db
      .selectFrom('traveller_connection')
      .select('member_id')
      .where('request_id', '=', connectedElsewhere)
      .executeTakeFirstOrThrow();
    expect(connection.member_id).toBe(other);
    expect((await matcherViewsFor(db, [cancelled])).get(cancelled)).toMatchObject({
      verdict: 'exception',
      reason: 'cancelled',
      held: null,
    });
    const actions = await db.selectFrom('audit_event').select(['action', 'actor']).execute();
    const count = (action: string, actor: string) =>
      actions.filter((row) => row.action === action && row.actor === actor).length;
    expect([
      count('matcher.decided', 'auto-match'),
      count('matcher.cancelled', staff.ben),
      count('matcher.overridden', staff.ben),
      count('matcher.sent-now', staff.ben),
    ]).toEqual([6, 1, 3, 1]);
  });

  it('an override racing the end of the hold: exactly one of them reaches Concur', async () => {
    const matches = Array.from({ length: 6 }, fullMatch);
    await addMembers(...matches.map((m) => m.member));
    const ids = (await addTravellers(matches.map((m) => m.traveller))).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    const held = await Promise.all(ids.map(heldOf));
    const [pass, ...overrides] = await Promise.all([
      matchPass(deps({ now: clockAt(MINUTE) })),
      ...ids.map((id, i) => staffDecision(id, { code: 'CREU1', overrides: held[i]?.id }, clockAt(MINUTE))),
    ]);
    await runOutboxOnce(deps({ now: clockAt(MINUTE) }));
    let autoWon = 0;
    for (const [i, id] of ids.entries()) {
      const outcomes = await outcomesAt(id);
      const result = overrides[i];
      if (result?.kind === 'too-late') {
        autoWon += 1;
        expect(outcomes).toEqual(['CRSUC']);
      } else {
        expect(result?.kind).toBe('recorded');
        expect(outcomes).toEqual(['CREU1']);
        expect((await decisionsOf(id)).find((row) => row.decided_by === 'auto-match')?.send_state).toBe('overridden');
      }
    }
    expect(pass?.sent).toBe(autoWon);
  });

  it('a sender that dies right after taking a held decision: another sends it, once', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    // Promoted to `sending` under a short lease, and the process is gone before it sends.
    expect(await promoteDue(db, { owner: 'crashed', ms: 1000 }, clockAt(MINUTE)())).toHaveLength(1);
    const survivor = deps({ owner: 'survivor', now: clockAt(MINUTE + 5000) });
    expect(await runOutboxOnce(survivor)).toBe(1);
    expect(await runOutboxOnce(survivor)).toBe(0);
    expect(await matchPass(survivor)).toMatchObject({ sent: 0, held: 0 });
    expect(await outcomesAt(id ?? '')).toEqual(['CRSUC']);
  });

  it('two senders of one dashboard picking up the same decision at once: only one reaches Concur', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    // Promoted in a batch whose lease ran out before its turn came: the outbox and the matcher
    // of the same dashboard (one name in the leases) both pick it up.
    await promoteDue(db, { owner: 'test-matcher', ms: 1 }, clockAt(MINUTE)());
    await control.clearCalls();
    const later = deps({ now: clockAt(MINUTE + 5000) });
    const [decision] = await decisionsOf(id ?? '');
    await Promise.all([runOutboxOnce(later), deliverDecision(later, decision?.id ?? '')]);
    expect((await control.calls()).put.count).toBe(1);
    expect((await decisionsOf(id ?? ''))[0]).toMatchObject({ send_state: 'sent', sent_code: null });
    expect(await outcomesAt(id ?? '')).toEqual(['CRSUC']);
  });

  it('between polls a tick only sends what its hold let go; the next poll brings a full pass', async () => {
    const [first, second] = [fullMatch(), fullMatch()];
    await addMembers(first.member, second.member);
    // The import noted when members changed, by the real clock: this test's starts after it.
    start = new Date(Date.now() + 1000);
    const [a] = (await addTravellers([first.traveller])).map(String);
    await setPolicy('auto', 10_000);
    await poll();
    const memory: PassMemory = { mark: null, at: 0 };
    expect(await matchIfHolder(deps(), memory)).toMatchObject({ judged: 1, held: 1 });
    // Nothing polled since: the next ticks judge nothing, but the ended hold still goes.
    const [b] = (await addTravellers([second.traveller])).map(String);
    expect(await matchIfHolder(deps({ now: clockAt(10_000) }), memory)).toMatchObject({ judged: 0, sent: 1 });
    expect(await outcomesAt(a ?? '')).toEqual(['CRSUC']);
    await poll(clockAt(10_000));
    expect(await matchIfHolder(deps({ now: clockAt(11_000) }), memory)).toMatchObject({ judged: 1, held: 1 });
    expect(await decisionsOf(b ?? '')).toHaveLength(1);
  });

  it('pause stops automatic decisions at once, held ones stay held and go when resumed', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    await setMatcherPaused(db, staff.ana, true, start);
    expect(await matchPass(deps({ now: clockAt(2 * MINUTE) }))).toMatchObject({ sent: 0 });
    expect(await promoteDue(db, { owner: 'test-matcher', ms: 60_000 }, clockAt(2 * MINUTE)())).toEqual([]);
    expect((await heldOf(id ?? '')).send_state).toBe('held');
    expect(await outcomesAt(id ?? '')).toEqual([]);
    await setMatcherPaused(db, staff.ana, false, clockAt(2 * MINUTE)());
    expect(await matchPass(deps({ now: clockAt(3 * MINUTE) }))).toMatchObject({ sent: 1 });
    expect(await outcomesAt(id ?? '')).toEqual(['CRSUC']);
  });

  it('leaving auto withdraws every held decision: none of them is sent', async () => {
    const matches = [fullMatch(), fullMatch()];
    await addMembers(...matches.map((m) => m.member));
    const ids = (await addTravellers(matches.map((m) => m.traveller))).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    expect((await setPolicy('shadow', MINUTE)).withdrawn).toBe(2);
    await setPolicy('auto', MINUTE);
    // Judged and withdrawn on this view of the request: held again, with a new window.
    expect(await matchPass(deps({ now: clockAt(2 * MINUTE) }))).toMatchObject({ held: 2, sent: 0 });
    for (const id of ids) expect(await outcomesAt(id)).toEqual([]);
  });

  it('a held decision that outlived a switch away from auto is withdrawn, never sent', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    // As if a pass held it right after the admin's switch had withdrawn the others.
    await writeSetting(db, 'matcher.policy', 'shadow');
    expect(await promoteDue(db, { owner: 'test-matcher', ms: 60_000 }, clockAt(2 * MINUTE)())).toEqual([]);
    expect(await matchPass(deps({ now: clockAt(2 * MINUTE) }))).toMatchObject({ withdrawn: 1, sent: 0 });
    expect((await decisionsOf(id ?? '')).map((row) => row.send_state)).toEqual(['withdrawn']);
    expect(await outcomesAt(id ?? '')).toEqual([]);
  });

  it('a request we failed comes back after 24 hours: a person decides it, not the matcher', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await poll();
    expect(await staffDecision(id ?? '', { code: 'CREU2' })).toMatchObject({ kind: 'recorded' });
    await setPolicy('auto', 0, { fail: true });
    await control.advanceClock(25 * 3600);
    const later = clockAt(25 * 3600_000);
    await poll(later);
    expect(
      (
        await db
          .selectFrom('ledger_request')
          .select('times_returned')
          .where('request_id', '=', id ?? '')
          .executeTakeFirstOrThrow()
      ).times_returned,
    ).toBe(1);
    expect(await matchPass(deps({ now: later }))).toMatchObject({ held: 0, sent: 0 });
    expect((await judgement(id ?? '')).reason).toBe('failed-before');
    expect(await outcomesAt(id ?? '')).toEqual(['CREU2']);
  });

  it('a held connect on a request Concur changed meanwhile is held again on the new view', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', MINUTE);
    await poll();
    await matchPass(deps());
    const changed = new Date(start.getTime() + 1000).toISOString();
    await db
      .updateTable('ledger_request')
      .set({ last_modified: changed })
      .where('request_id', '=', id ?? '')
      .execute();
    expect(await matchPass(deps({ now: clockAt(2000) }))).toMatchObject({ judged: 1, withdrawn: 1, held: 1 });
    const rows = await decisionsOf(id ?? '');
    expect(rows.map((row) => [row.send_state, row.based_on_last_modified === changed])).toEqual([
      ['withdrawn', false],
      ['held', true],
    ]);
  });

  it('judges a request again when it comes back from a requeue', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const [id] = (await addTravellers([match.traveller])).map(String);
    await setPolicy('auto', 0);
    await poll();
    // The request token cannot be exchanged: the connect goes as CRRET, and Concur requeues it.
    await control.spoilToken(id ?? '');
    expect(await matchPass(deps())).toMatchObject({ held: 1, sent: 1 });
    expect(await outcomesAt(id ?? '')).toEqual(['CRRET']);
    await control.advanceClock(3700);
    const later = clockAt(3700 * 1000);
    await poll(later);
    expect(
      (
        await db
          .selectFrom('ledger_request')
          .selectAll()
          .where('request_id', '=', id ?? '')
          .executeTakeFirstOrThrow()
      ).times_returned,
    ).toBe(1);
    expect(await matchPass(deps({ now: later }))).toMatchObject({ judged: 1, held: 1, sent: 1 });
    expect(await outcomesAt(id ?? '')).toEqual(['CRRET', 'CRSUC']);
    expect(
      await db
        .selectFrom('match_evaluation')
        .select('id')
        .where('request_id', '=', id ?? '')
        .execute(),
    ).toHaveLength(2);
  });

  it('judges again after a member import: a new match is found, a held connect whose key became shared is withdrawn', async () => {
    const match = fullMatch();
    await addMembers(match.member);
    const found = fullMatch();
    const ids = (await addTravellers([match.traveller, found.traveller])).map(String);
    const [held, unmatched] = ids;
    await setPolicy('auto', 10 * MINUTE);
    await poll();
    await matchPass(deps());
    expect((await judgement(unmatched ?? '')).reason).toBe('no-candidate');
    // The import: the missing member, and another member with the held traveller's email.
    await addMembers(found.member, `${memberId()},Eve,,${surname()},,${match.traveller.emails[0]}`);
    const result = await matchPass(deps({ now: clockAt(MINUTE) }));
    expect(result).toMatchObject({ judged: 2, withdrawn: 1, held: 1 });
    expect((await judgement(held ?? '')).reason).toBe('shared-key');
    expect((await judgement(unmatched ?? '')).verdict).toBe('connect');
    expect((await decisionsOf(held ?? '')).map((row) => row.send_state)).toEqual(['withdrawn']);
    await matchPass(deps({ now: clockAt(12 * MINUTE) }));
    expect(await outcomesAt(held ?? '')).toEqual([]);
    expect(await outcomesAt(unmatched ?? '')).toEqual(['CRSUC']);
  });

  it('two instances matching at once never decide one request twice', async () => {
    const matches = Array.from({ length: 12 }, fullMatch);
    await addMembers(...matches.map((m) => m.member));
    const ids = (await addTravellers(matches.map((m) => m.traveller))).map(String);
    await setPolicy('auto', 0);
    await poll();
    const second = database.openAnotherInstance?.() ?? db;
    try {
      const results = await Promise.all([
        matchPass(deps({ owner: 'instance-a' })),
        matchPass(deps({ db: second, owner: 'instance-b' })),
      ]);
      expect(results.reduce((sum, r) => sum + r.held, 0)).toBe(12);
    } finally {
      if (second !== db) await second.destroy();
    }
    await runOutboxOnce(deps({ now: clockAt(2 * MINUTE) }));
    for (const id of ids) {
      expect(await outcomesAt(id)).toEqual(['CRSUC']);
      expect(await decisionsOf(id)).toHaveLength(1);
    }
    const current = await db
      .selectFrom('match_evaluation')
      .select('request_id')
      .where('superseded_at', 'is', null)
      .execute();
    expect(current).toHaveLength(12);
  });
});
