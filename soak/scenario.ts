import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/lib/db';
import { serverActionIds } from '@/scripts/lib/action-manifest';
import type { SandboxStats } from '@/scripts/lib/sandbox-control';
import { AGENT_ACTIONS, SimulatedAgent } from './agents';
import { judge, type Verdict } from './checks';
import {
  AGENT_COUNT,
  AGENT_PHASE_LIMIT_MS,
  DASHBOARD_RESTART_AT,
  FAULT_PLAN,
  REQUEST_COUNT,
  SANDBOX_RESTART_AT,
  SOAK_DIR,
} from './config';
import { type DrainResult, drainOutbox, readDecisions, readPollCycles, readSandboxRecords } from './drain';
import { type Journal, newJournal } from './journal';
import { agentAccounts, awaitFirstPoll, readBacklog, seedDashboardDatabase, writeMembersCsv } from './prepare';
import { roundRobin, signInAll } from './session';
import { type DatabaseKind, type Stack, withStack } from './stack';
import { type SandboxTally, sandboxTally } from './tally';

/**
 * One soak scenario end to end: a fresh sandbox backlog and database, the dashboards polling
 * it into their ledger, twenty agents under injected faults with the sandbox and a dashboard
 * killed midway, the outbox drained, and the verdict against the sandbox's records.
 */

export type { DatabaseKind };

export type TimelineEvent = { atSeconds: number; event: string; downtimeMs?: number };
type Mark = (event: string, downtimeMs?: number) => void;

export type ScenarioResult = {
  phase: 'decide';
  database: DatabaseKind;
  instances: number;
  agents: number;
  requests: number;
  status: 'completed' | 'skipped' | 'failed';
  reason?: string;
  logs: string;
  timings?: {
    setupMs: number;
    agentPhaseMs: number;
    drainMs: number;
    totalMs: number;
    decisionsPerSecond: number;
    decideMs: { p50: number; p95: number; max: number };
  };
  timeline?: TimelineEvent[];
  faultsFired?: Record<string, number>;
  journal?: Journal['counts'] & { decideCalls: number };
  /** Which instance the load tool sent decide calls to, and how many of them it recorded. */
  byInstance?: Record<string, { decideCalls: number; recorded: number }>;
  /** Delivered by an outbox after the agents were done: what a crash or a fault left behind. */
  sentAfterAgents?: number;
  drain?: DrainResult;
  verdict?: Verdict;
  sandboxStats?: SandboxStats;
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(200);
}

function countByInstance(journal: Journal): Record<string, { decideCalls: number; recorded: number }> {
  const counts: Record<string, { decideCalls: number; recorded: number }> = {};
  for (const attempt of journal.attempts) {
    const key = attempt.instance || 'no answer';
    const entry = counts[key] ?? { decideCalls: 0, recorded: 0 };
    counts[key] = entry;
    entry.decideCalls += 1;
    if (attempt.answer.kind === 'recorded') entry.recorded += 1;
  }
  return counts;
}

export function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** Kills the sandbox, then the first dashboard, as the agents pass the set shares of the backlog. */
async function restartMidway(
  stack: Stack,
  journal: Journal,
  tally: SandboxTally,
  mark: Mark,
  isAgentPhaseOver: () => boolean,
): Promise<void> {
  const reached = (share: number) => () => journal.recordedRequests.size >= share * REQUEST_COUNT || isAgentPhaseOver();
  await until(reached(SANDBOX_RESTART_AT));
  await tally.addFaults();
  await tally.takeCalls();
  let started = Date.now();
  await stack.sandbox.crash();
  mark(`sandbox killed (SIGKILL) after ${journal.recordedRequests.size} requests decided`);
  await stack.sandbox.start();
  await stack.control.addFaults(FAULT_PLAN);
  mark('sandbox back, faults armed again', Date.now() - started);

  await until(reached(DASHBOARD_RESTART_AT));
  const [first] = stack.dashboards;
  if (!first) return;
  started = Date.now();
  await first.crash();
  mark(`${first.name} killed (SIGKILL) after ${journal.recordedRequests.size} requests decided`);
  await first.start();
  mark(`${first.name} back`, Date.now() - started);
}

/** A fresh backlog, matching members, the dashboards up with the backlog polled, and every agent signed in. */
async function prepare(stack: Stack, dir: string, db: Db) {
  await stack.sandbox.start();
  await stack.control.reset({ backlog: REQUEST_COUNT });
  const backlog = await readBacklog(stack.sandboxUrl);
  if (backlog.length !== REQUEST_COUNT) throw new Error(`the sandbox lists ${backlog.length} Pending requests`);
  // From here on the sandbox counts the dashboards' calls only.
  await stack.control.clearCalls();
  const accounts = agentAccounts(AGENT_COUNT);
  const csvFile = path.join(dir, 'members.csv');
  writeMembersCsv(backlog, csvFile);
  await seedDashboardDatabase(
    stack.dashboardEnv,
    accounts.map((account) => ({ ...account, role: 'agent' })),
    csvFile,
  );
  await Promise.all(stack.dashboards.map((dashboard) => dashboard.start()));
  await awaitFirstPoll(
    db,
    backlog.map((request) => request.id),
  );
  const journal = newJournal();
  const deadline = Date.now() + AGENT_PHASE_LIMIT_MS;
  let isAborted = false;
  const ctx = {
    nextInstance: roundRobin(stack.dashboardUrls),
    instanceCount: stack.dashboardUrls.length,
    actionIds: serverActionIds(AGENT_ACTIONS),
    journal,
    isOver: () => isAborted || Date.now() > deadline,
  };
  const agents = accounts.map((account) => new SimulatedAgent(account, ctx));
  await signInAll(agents);
  const abort = () => {
    isAborted = true;
  };
  return { requestIds: backlog.map((request) => request.id), agents, journal, abort };
}

/** The agents at work under faults, with the restarts midway; then the faults are cleared. */
async function runAgents(crew: Awaited<ReturnType<typeof prepare>>, stack: Stack, tally: SandboxTally, mark: Mark) {
  const { agents, journal, abort } = crew;
  await stack.control.addFaults(FAULT_PLAN);
  mark('agents start; faults armed');
  let isAgentPhaseOver = false;
  let restartFailure: unknown = null;
  const restarts = restartMidway(stack, journal, tally, mark, () => isAgentPhaseOver).catch((error: unknown) => {
    // A process that does not come back ends the run: the agents stop rather than wait it out.
    restartFailure = error;
    abort();
  });
  await Promise.all(agents.map((agent) => agent.work()));
  isAgentPhaseOver = true;
  mark(`agents done: ${journal.attempts.length} decide calls`);
  await restarts;
  if (restartFailure) throw restartFailure;
  await tally.addFaults();
  await stack.control.clearFaults();
  return { doneAt: new Date().toISOString() };
}

async function soak(stack: Stack, dir: string, db: Db, result: ScenarioResult): Promise<void> {
  const setupStarted = Date.now();
  const crew = await prepare(stack, dir, db);
  const { requestIds, agents, journal } = crew;
  const tally = sandboxTally(stack.control);
  const agentsStarted = Date.now();
  const timeline: TimelineEvent[] = [];
  const mark: Mark = (event, downtimeMs) => {
    timeline.push({ atSeconds: Math.round((Date.now() - agentsStarted) / 100) / 10, event, downtimeMs });
    process.stdout.write(`  [${result.database}] ${event}${downtimeMs ? ` (${downtimeMs} ms)` : ''}\n`);
  };
  const { doneAt } = await runAgents(crew, stack, tally, mark);
  const agentPhaseMs = Date.now() - agentsStarted;

  mark('faults cleared; draining the outbox');
  const [operator] = agents;
  const drain = await drainOutbox(db, (id) => operator?.resend(id) ?? Promise.resolve('no operator'));
  mark(`drain over: ${drain.openAtEnd} decisions still open, ${drain.operatorResends.length} resent by hand`);
  // Stopped (their poller finishing its walk) so the poll records and the call counts are final.
  await Promise.all(stack.dashboards.map((dashboard) => dashboard.stop()));
  await tally.takeCalls();

  const [rows, records, sandboxStats, polls] = await Promise.all([
    readDecisions(db),
    readSandboxRecords(stack.control, requestIds),
    stack.control.stats(),
    readPollCycles(db),
  ]);
  fs.writeFileSync(
    path.join(dir, 'journal.json'),
    JSON.stringify({ attempts: journal.attempts, rows, polls }, null, 1),
  );
  const latencies = journal.attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
  Object.assign(result, {
    status: 'completed',
    timings: {
      setupMs: agentsStarted - setupStarted,
      agentPhaseMs,
      drainMs: drain.ms,
      totalMs: Date.now() - setupStarted,
      decisionsPerSecond: Math.round((rows.length / (agentPhaseMs / 1000)) * 10) / 10,
      decideMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? 0 },
    },
    timeline,
    faultsFired: tally.faultsFired,
    journal: { ...journal.counts, decideCalls: journal.attempts.length },
    byInstance: countByInstance(journal),
    sentAfterAgents: rows.filter((row) => row.sent_at !== null && row.sent_at > doneAt).length,
    drain,
    verdict: judge(requestIds, rows, records, journal.attempts, {
      pollWalks: polls.map((poll) => poll.walk),
      calls: tally.calls,
    }),
    sandboxStats,
  } satisfies Partial<ScenarioResult>);
}

export async function runScenario(database: DatabaseKind): Promise<ScenarioResult> {
  const instances = database === 'postgres' ? 2 : 1;
  const dir = path.join(SOAK_DIR, database);
  fs.mkdirSync(dir, { recursive: true });
  const result: ScenarioResult = {
    phase: 'decide',
    database,
    instances,
    agents: AGENT_COUNT,
    requests: REQUEST_COUNT,
    status: 'failed',
    logs: path.relative(process.cwd(), dir),
  };
  try {
    const skipped = await withStack({ database, dir, instances }, (stack, db) => soak(stack, dir, db, result));
    if (skipped) return { ...result, status: 'skipped', reason: skipped.skipped };
  } catch (error) {
    result.reason = error instanceof Error ? error.message : String(error);
  }
  return result;
}
