import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConcurClient } from '@/lib/concur/client';
import { loadKeyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import { pollOnce } from '@/lib/ledger/poller';
import { changeMatcherSettings } from '@/lib/matcher/admin';
import { type MatcherDeps, matchPass } from '@/lib/matcher/pass';
import { seedDemoMembersIfEmpty } from '@/lib/members/demo';
import { createDbMemberDirectory } from '@/lib/members/directory';
import { generateDemoMembers } from '@/scripts/generate-demo-members';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { testDatabases } from './support/databases';
import { addTestAgents, testPollerDeps } from './support/decisions';
import { type RunningSandbox, startSandbox } from './support/sandbox';

describe.each(testDatabases('matcher'))('the automatic matcher on $name', (database) => {
  let db: Db;
  let sandbox: RunningSandbox;
  let control: ReturnType<typeof sandboxControl>;
  let concur: ConcurClient;
  let dataDir: string;
  let staff: { ana: string; ben: string };

  const deps = (overrides: Partial<MatcherDeps> = {}): MatcherDeps => ({
    db,
    concur,
    logger: pino({ level: 'silent' }),
    owner: 'test-matcher',
    leaseMs: 60_000,
    keyring: () => loadKeyring({ dataDir, tokenKeys: null }),
    lateApplyMs: 0,
    directory: createDbMemberDirectory(db),
    env: { matcher: { policy: null, holdMs: null } },
    ...overrides,
  });
  const poll = () =>
    pollOnce(
      testPollerDeps(
        db,
        sandboxClient(sandbox.baseUrl, {
          timeoutMs: 2000,
          deps: { retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
        }),
        { dataDir },
      ),
    );

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
    await control.reset();
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
      'app_setting',
    ] as const) {
      await db.deleteFrom(table).execute();
    }
  });

  it('in shadow judges every queued request, sends nothing, and leaves every near miss to people', async () => {
    await poll();
    const result = await matchPass(deps());
    expect(result.policy).toBe('shadow');
    expect(result.held).toBe(0);
    const evaluations = await db.selectFrom('match_evaluation').selectAll().execute();
    const queued = await db.selectFrom('ledger_request').select('request_id').where('left_at', 'is', null).execute();
    expect(evaluations).toHaveLength(queued.length);
    const { nearMisses } = generateDemoMembers();
    const byRequest = new Map(evaluations.map((row) => [row.request_id, row]));
    const missed = [...nearMisses].filter(([id]) => byRequest.has(id) && byRequest.get(id)?.verdict !== 'exception');
    expect(missed).toEqual([]);
    expect(evaluations.filter((row) => row.verdict === 'connect').length).toBeGreaterThan(evaluations.length / 2);
    expect(await db.selectFrom('decision').selectAll().execute()).toEqual([]);
  });

  it('under auto holds each covered request, then sends it once its hold ends', async () => {
    await poll();
    await changeMatcherSettings(db, { matcher: { policy: null, holdMs: null } }, staff.ana, {
      policy: 'auto',
      holdMs: 60_000,
    });
    const start = new Date();
    const first = await matchPass(deps({ now: () => start }));
    expect(first.held).toBeGreaterThan(0);
    expect(first.sent).toBe(0);
    const later = new Date(start.getTime() + 61_000);
    const second = await matchPass(deps({ now: () => later }));
    expect(second.sent).toBe(first.held);
    const decisions = await db.selectFrom('decision').select(['send_state', 'decided_by']).execute();
    expect(decisions).toHaveLength(first.held);
    expect(decisions.every((row) => row.send_state === 'sent' && row.decided_by === 'auto-match')).toBe(true);
  });
});
