import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/lib/db';
import { pauseMatcher } from '@/lib/matcher/settings';
import { serverActionIds } from '@/scripts/lib/action-manifest';
import type { SandboxStats } from '@/scripts/lib/sandbox-control';
import {
  ADMIN_ACCOUNT,
  AGENT_COUNT,
  DASHBOARD_PORTS,
  ENGINE_DASHBOARD_RESTART_AT,
  ENGINE_HOLD_MINUTES,
  ENGINE_PHASE_LIMIT_MS,
  ENGINE_REQUEST_COUNT,
  ENGINE_SANDBOX_RESTART_AT,
  FAULT_PLAN,
  FIRST_POLL_LIMIT_MS,
  SOAK_DIR,
} from './config';
import { type DrainResult, drainOutbox, readPollCycles, readSandboxRecords } from './drain';
import { MatcherAdmin, type SelfPause } from './engine-admin';
import { EngineAgent, OverridePlan, type OverrideRecord, sharedBoard } from './engine-agents';
import { countGoing, readBoard } from './engine-board';
import { type EngineVerdict, judgeEngine } from './engine-checks';
import { type EngineMembers, writeEngineMembers } from './engine-members';
import {
  countJudged,
  leaseHolder,
  readConnectionDecisionIds,
  readEngineDecisions,
  readJudgements,
  readMembers,
} from './engine-records';
import { heldActions } from './held-actions';
import { type Journal, newJournal } from './journal';
import { agentAccounts, awaitFirstPoll, readBacklog, seedDashboardDatabase } from './prepare';
import { percentile, type TimelineEvent } from './scenario';
import { roundRobin, signInAll } from './session';
import { type DatabaseKind, type Stack, withStack } from './stack';
import { type SandboxTally, sandboxTally } from './tally';

/**
 * The engine phase end to end: 2,000 Pending requests with the demo's mix of members, the
 * dashboards' matcher under `auto` with a short hold, twenty agents overriding a share of its
 * held decisions and deciding what it leaves to them, 10% faults, the sandbox and the dashboard
 * that polls killed midway; then the outbox drained and every request checked against the
 * sandbox's own records.
 */

type Mark = (event: string, downtimeMs?: number) => void;

export type EngineResult = {
  phase: 'engine';
  database: DatabaseKind;
  instances: number;
  agents: number;
  requests: number;
  holdMinutes: number;
  status: 'completed' | 'skipped' | 'failed';
  reason?: string;
  logs: string;
  /** How cancel and send-now reached the engine (see held-actions.ts). */
  heldActionsVia?: string;
  timings?: {
    setupMs: number;
    agentPhaseMs: number;
    drainMs: number;
    totalMs: number;
    decideMs: { p50: number; p95: number; max: number };
  };
  timeline?: TimelineEvent[];
  killedDashboard?: { name: string; leases: string[] };
  faultsFired?: Record<string, number>;
  journal?: Journal['counts'] & { decideCalls: number };
  judgements?: Record<string, number>;
  overridesMarked?: number;
  selfPauses?: SelfPause[];
  drain?: DrainResult;
  verdict?: EngineVerdict;
  sandboxStats?: SandboxStats;
};

const ENGINE_ACTIONS = [
  'lib/auth/actions.ts#signIn',
  'lib/decisions/actions.ts#decideRequest',
  'lib/decisions/actions.ts#resendDecision',
  'lib/matcher/actions.ts#setAutoMatchPaused',
] as const;

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(500);
}

/** The backlog, its members, staff, and the matcher paused while the dashboards start and poll. */
async function seed(
  stack: Stack,
  dir: string,
): Promise<{ requests: Awaited<ReturnType<typeof readBacklog>>; plan: EngineMembers }> {
  await stack.sandbox.start();
  await stack.control.reset({ backlog: ENGINE_REQUEST_COUNT });
  const requests = await readBacklog(stack.sandboxUrl);
  if (requests.length !== ENGINE_REQUEST_COUNT)
    throw new Error(`the sandbox lists ${requests.length} Pending requests`);
  await stack.control.clearCalls();
  const csvFile = path.join(dir, 'members.csv');
  const plan = writeEngineMembers(requests, csvFile);
  const staff = [
    ...agentAccounts(AGENT_COUNT).map((account) => ({ ...account, role: 'agent' as const })),
    { ...ADMIN_ACCOUNT, role: 'admin' as const },
  ];
  await seedDashboardDatabase(stack.dashboardEnv, staff, csvFile, async (db, staffIds) => {
    // Paused by the admin, so nothing is held before the people are at their desks and faults armed.
    const by = staffIds.get(ADMIN_ACCOUNT.email) ?? ADMIN_ACCOUNT.email;
    await pauseMatcher(db, {
      at: new Date().toISOString(),
      by,
      reason: 'Paused while the soak sets up.',
      isSelf: false,
    });
  });
  return { requests, plan };
}

async function awaitJudgements(db: Db): Promise<void> {
  const deadline = Date.now() + FIRST_POLL_LIMIT_MS;
  while ((await countJudged(db)) < ENGINE_REQUEST_COUNT) {
    if (Date.now() > deadline) throw new Error(`the matcher judged ${await countJudged(db)} requests within a minute`);
    await sleep(500);
  }
}

/** Kills the sandbox, then the dashboard holding the poller's lease, as the backlog gets decided. */
async function restartMidway(
  stack: Stack,
  db: Db,
  tally: SandboxTally,
  mark: Mark,
  isOver: () => boolean,
): Promise<{ name: string; leases: string[] } | undefined> {
  const reached = (share: number) => async () => isOver() || (await countGoing(db)) >= share * ENGINE_REQUEST_COUNT;
  await until(reached(ENGINE_SANDBOX_RESTART_AT));
  await tally.addFaults();
  await tally.takeCalls();
  let started = Date.now();
  await stack.sandbox.crash();
  mark(`sandbox killed (SIGKILL) with ${await countGoing(db)} requests decided`);
  await stack.sandbox.start();
  await stack.control.addFaults(FAULT_PLAN);
  mark('sandbox back, faults armed again', Date.now() - started);

  await until(reached(ENGINE_DASHBOARD_RESTART_AT));
  const holder = await leaseHolder(db, DASHBOARD_PORTS.slice(0, stack.dashboards.length));
  const dashboard = stack.dashboards[holder?.index ?? 0];
  if (!dashboard) return undefined;
  const leases = holder?.leases ?? [];
  started = Date.now();
  await dashboard.crash();
  const holding = holder ? `holding ${leases.join(', ') || 'no lease'}` : 'lease holder unknown, the first';
  mark(`${dashboard.name} (${holding}) killed (SIGKILL) with ${await countGoing(db)} requests decided`);
  await dashboard.start();
  mark(`${dashboard.name} back`, Date.now() - started);
  return { name: dashboard.name, leases };
}

async function engineSoak(stack: Stack, dir: string, db: Db, result: EngineResult): Promise<void> {
  const setupStarted = Date.now();
  const { requests, plan } = await seed(stack, dir);
  await Promise.all(stack.dashboards.map((dashboard) => dashboard.start()));
  await awaitFirstPoll(
    db,
    requests.map((request) => request.id),
  );
  await awaitJudgements(db);

  const journal = newJournal();
  const overrides: OverrideRecord[] = [];
  const timeline: TimelineEvent[] = [];
  let agentsStarted = Date.now();
  const mark: Mark = (event, downtimeMs) => {
    timeline.push({ atSeconds: Math.round((Date.now() - agentsStarted) / 100) / 10, event, downtimeMs });
    process.stdout.write(`  [engine ${result.database}] ${event}${downtimeMs ? ` (${downtimeMs} ms)` : ''}\n`);
  };
  const deadline = { at: Number.POSITIVE_INFINITY, isAborted: false };
  const ids = serverActionIds(ENGINE_ACTIONS);
  const session = {
    nextInstance: roundRobin(stack.dashboardUrls),
    instanceCount: stack.dashboardUrls.length,
    signInActionId: ids['lib/auth/actions.ts#signIn'],
    journal,
    isOver: () => deadline.isAborted || Date.now() > deadline.at,
  };
  const held = heldActions(db, stack.dashboardEnv);
  const overridePlan = new OverridePlan();
  const ctx = {
    ...session,
    db,
    decideActionId: ids['lib/decisions/actions.ts#decideRequest'],
    held,
    board: sharedBoard(db),
    overrides,
  };
  const agents = agentAccounts(AGENT_COUNT).map((account) => new EngineAgent(account, ctx, overridePlan));
  const admin = new MatcherAdmin(
    {
      ...session,
      db,
      pauseActionId: ids['lib/matcher/actions.ts#setAutoMatchPaused'],
      resendActionId: ids['lib/decisions/actions.ts#resendDecision'],
    },
    (event) => mark(event),
  );
  await signInAll([...agents, admin]);
  const tally = sandboxTally(stack.control);

  agentsStarted = Date.now();
  deadline.at = agentsStarted + ENGINE_PHASE_LIMIT_MS;
  await stack.control.addFaults(FAULT_PLAN);
  await admin.resume();
  admin.startWatching();
  mark(`faults armed; the admin resumed the matcher (cancel and send-now: ${held.via})`);
  let isAgentPhaseOver = false;
  let restartFailure: unknown = null;
  const restarts = restartMidway(stack, db, tally, mark, () => isAgentPhaseOver).catch((error: unknown) => {
    restartFailure = error;
    deadline.isAborted = true;
    return undefined;
  });
  await Promise.all(agents.map((agent) => agent.work()));
  isAgentPhaseOver = true;
  mark(`agents done: ${overrides.length} overrides tried, ${journal.attempts.length} decide calls`);
  const killedDashboard = await restarts;
  if (restartFailure) throw restartFailure;
  const agentPhaseMs = Date.now() - agentsStarted;
  await tally.addFaults();
  await stack.control.clearFaults();

  mark('faults cleared; draining the outbox');
  const drain = await drainOutbox(db, (id) => admin.resend(id));
  mark(`drain over: ${drain.openAtEnd} decisions still open, ${drain.operatorResends.length} resent by hand`);
  await admin.stopWatching();
  await Promise.all(stack.dashboards.map((dashboard) => dashboard.stop()));
  await tally.takeCalls();

  const requestIds = requests.map((request) => request.id);
  const [rows, sandbox, sandboxStats, polls, connectionDecisionIds, directory, judgements, board] = await Promise.all([
    readEngineDecisions(db),
    readSandboxRecords(stack.control, requestIds),
    stack.control.stats(),
    readPollCycles(db),
    readConnectionDecisionIds(db),
    readMembers(db),
    readJudgements(db),
    readBoard(db),
  ]);
  fs.writeFileSync(
    path.join(dir, 'journal.json'),
    JSON.stringify({ attempts: journal.attempts, overrides, rows, polls, nearMisses: [...plan.nearMisses] }, null, 1),
  );
  const latencies = journal.attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
  Object.assign(result, {
    status: 'completed',
    heldActionsVia: held.via,
    timings: {
      setupMs: agentsStarted - setupStarted,
      agentPhaseMs,
      drainMs: drain.ms,
      totalMs: Date.now() - setupStarted,
      decideMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? 0 },
    },
    timeline,
    killedDashboard,
    faultsFired: tally.faultsFired,
    journal: { ...journal.counts, decideCalls: journal.attempts.length },
    judgements,
    overridesMarked: overridePlan.marked,
    selfPauses: admin.selfPauses,
    drain,
    verdict: judgeEngine({
      requests,
      rows,
      sandbox,
      connectionDecisionIds,
      ...directory,
      plan,
      leftToPeople: board.forPeople,
      attempts: journal.attempts,
      overrides,
      engine: { pollWalks: polls.map((poll) => poll.walk), calls: tally.calls },
    }),
    sandboxStats,
  } satisfies Partial<EngineResult>);
}

export async function runEngineScenario(database: DatabaseKind): Promise<EngineResult> {
  const instances = database === 'postgres' ? 2 : 1;
  const dir = path.join(SOAK_DIR, `engine-${database}`);
  fs.mkdirSync(dir, { recursive: true });
  const result: EngineResult = {
    phase: 'engine',
    database,
    instances,
    agents: AGENT_COUNT,
    requests: ENGINE_REQUEST_COUNT,
    holdMinutes: ENGINE_HOLD_MINUTES,
    status: 'failed',
    logs: path.relative(process.cwd(), dir),
  };
  const matcher = { policy: 'auto' as const, holdMinutes: ENGINE_HOLD_MINUTES };
  try {
    const skipped = await withStack({ database, dir, instances, matcher }, (stack, db) =>
      engineSoak(stack, dir, db, result),
    );
    if (skipped) return { ...result, status: 'skipped', reason: skipped.skipped };
  } catch (error) {
    result.reason = error instanceof Error ? error.message : String(error);
  }
  return result;
}
