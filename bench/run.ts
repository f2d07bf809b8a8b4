import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { serverActionId } from '@/scripts/lib/action-manifest';
import { type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { measureListDepth } from './depth-list';
import { launchChromium, signInAll } from './lib/browser';
import { dashboardClient, LIST_PATH, type WireRequest } from './lib/http';
import { pollFor, pollNow } from './lib/ledger';
import { formatTable, gitInfo, machineInfo, type Section, writeResults } from './lib/report';
import { type BuildInfo, benchAgents, ensureBuild, type Stack, seedAgents, stackEnv, startStack } from './lib/stack';
import { runWorker, stopWorkers } from './lib/worker';
import { LOAD_SESSIONS, measureLoad } from './load';
import { matcherStackEnv, measureMatcherLatency, seedLatencyMembers } from './matcher-latency';
import { measurePageCost } from './page-cost';
import { measureProxyOverhead } from './proxy-overhead';
import { measureShippedJs } from './shipped-js';
import { measureTriage } from './triage';

/**
 * `npm run bench`: the production build, SQLite and the sandbox on this machine, measured
 * against baselines taken in the same run. Prints a table and writes the same figures to
 * bench/results/. Not a test: nothing here passes or fails on a time.
 *
 *   npm run bench                      everything (builds first when there is no build)
 *   npm run bench -- --build           build again first
 *   npm run bench -- --only load,import    some sections: proxy, pages, load, js, depth, members,
 *                                          import, triage, poll, matcher (latest-bench.json is left
 *                                          as it was)
 */

const DATA_DIR = path.join('data', 'bench');
const SECTIONS = ['proxy', 'pages', 'load', 'js', 'depth', 'members', 'import', 'triage', 'poll', 'matcher'] as const;
type SectionName = (typeof SECTIONS)[number];
const SERVER_SECTIONS: readonly SectionName[] = ['proxy', 'pages', 'load', 'js', 'depth', 'triage'];
/** Section ids in the order. */
const TABLE_ORDER = [
  'proxy-overhead',
  'page-cost',
  'load',
  'shipped-js',
  'depth-list',
  'depth-members',
  'import',
  'triage',
  'poll',
  'matcher-latency',
  'matcher-pass',
];

function chosenSections(): Set<SectionName> {
  const at = process.argv.indexOf('--only');
  if (at === -1) return new Set(SECTIONS);
  const names = (process.argv[at + 1] ?? '').split(',');
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated list of ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  }
  return new Set(names as SectionName[]);
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A Pending request with a loyalty number and an email, so its detail page has candidates to look up. */
async function detailTarget(sandbox: SandboxControl): Promise<string> {
  const page = await sandbox.get<{ Items: WireRequest[] }>(`${LIST_PATH}?limit=10&offset=20`);
  const found = page.Items.find(
    (item) => item.loyaltyNumber && Object.values(item.emailAddresses ?? {}).some((email) => email),
  );
  if (!found) throw new Error('no Pending request with a loyalty number and an email in the demo data');
  return found.ID;
}

type Running = { stack: Stack | null; browser: Browser | null };

/** The stack started, Chromium launched, and the agents signed in (all 50 only for the load test). */
async function setUp(chosen: Set<SectionName>, running: Running) {
  const env = stackEnv(path.join(DATA_DIR, 'stack'));
  const agents = benchAgents(chosen.has('load') ? LOAD_SESSIONS : 1);
  progress(`seeding ${agents.length} agent(s); the dashboard on port ${env.PORT}, the sandbox on ${env.SANDBOX_PORT}`);
  await seedAgents(env, agents);
  running.stack = await startStack(env, path.join(DATA_DIR, 'stack.log'));
  running.browser = await launchChromium();
  progress(`signing in ${agents.length} agent(s) through the sign-in form`);
  const sessions = await signInAll(running.stack.baseUrl, agents);
  const [agent] = sessions;
  if (!agent) throw new Error('no agent signed in');
  return { ...running.stack, env, browser: running.browser, sessions, agent };
}

async function measureWithServer(chosen: Set<SectionName>, running: Running): Promise<Section[]> {
  const { baseUrl, sandboxUrl, env, browser, sessions, agent } = await setUp(chosen, running);
  const sandbox = sandboxControl(sandboxUrl);
  const dashboard = dashboardClient(baseUrl, agent.header);
  const listActionId = serverActionId('lib/requests/actions.ts#listRequests');
  const requestId = await detailTarget(sandbox);
  // The pages read the ledger: the request picked in the sandbox must have been polled into it.
  progress(`polling the demo queue into the ledger until it holds ${requestId}`);
  await pollFor(env, [requestId]);
  const sections: Section[] = [];
  const measure = async (name: SectionName, label: string, run: () => Promise<Section>) => {
    if (!chosen.has(name)) return;
    progress(label);
    sections.push(await run());
  };
  await measure('proxy', '1. proxy overhead', () =>
    measureProxyOverhead({ dashboard, sandbox, listActionId, requestId }),
  );
  await measure('pages', '2. page cost against the floor', () =>
    measurePageCost({ dashboard, browser, baseUrl, session: agent, requestId }),
  );
  await measure('js', '4. shipped JavaScript', () => measureShippedJs({ browser, baseUrl, session: agent, requestId }));
  await measure('load', `3. load: ${LOAD_SESSIONS} sessions for 30 s`, () => measureLoad({ baseUrl, sessions }));
  // Deciding changes the Pending queue, so it comes after everything that reads the demo set.
  // A fresh poll first, so the list it decides from is the sandbox's queue as it is now.
  await measure('triage', '7. triage of 20 with the keyboard', async () => {
    await pollNow(env, { timeoutMs: 60_000 });
    return measureTriage({ browser, baseUrl, session: agent });
  });
  await measure('depth', '5a. list depth (sandbox reset to a 100,000 backlog, polled into the ledger)', () =>
    measureListDepth({ dashboard, sandbox, listActionId, env, progress }),
  );
  return sections;
}

/** 9a on a stack of its own: under auto, the matcher would decide the other sections' requests. */
async function measureMatcherOnOwnStack(running: Running): Promise<Section> {
  const env = matcherStackEnv(path.join(DATA_DIR, 'matcher-stack'));
  progress(`9a. matcher latency: a stack under AUTO_MATCH=auto, hold 0, polling every ${env.CONCUR_POLL_SECONDS} s`);
  await seedLatencyMembers(env);
  running.stack = await startStack(env, path.join(DATA_DIR, 'matcher-stack.log'));
  return measureMatcherLatency({ env, sandboxUrl: running.stack.sandboxUrl, progress });
}

async function stopRunning(running: Running): Promise<void> {
  stopWorkers();
  await running.browser?.close().catch(() => undefined);
  running.browser = null;
  await running.stack?.stop();
  running.stack = null;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const chosen = chosenSections();
  const build = ensureBuild(process.argv.includes('--build'));
  if (build.isOlderThanSources) {
    process.stderr.write(
      'Warning: the production build is older than the sources; `npm run bench -- --build` rebuilds.\n',
    );
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });

  const running: Running = { stack: null, browser: null };
  const onSignal = () => {
    void stopRunning(running).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const sections: Section[] = [];
  let chromium = 'not started';
  try {
    if (SERVER_SECTIONS.some((name) => chosen.has(name))) {
      sections.push(...(await measureWithServer(chosen, running)));
      chromium = running.browser?.version() ?? chromium;
      await stopRunning(running);
    }
    if (chosen.has('matcher')) sections.push(await measureMatcherOnOwnStack(running));
  } finally {
    await stopRunning(running);
  }
  if (chosen.has('members')) {
    progress('5b. member lookups: writing 1,000,000 members, then looking up');
    // lib/members/candidates.ts is server-only: the react-server condition lets plain Node load it.
    sections.push(await runWorker('bench/member-lookup.ts', { conditions: ['react-server'] }));
  }
  if (chosen.has('import')) {
    progress('6. members CSV import of 100,000 rows');
    sections.push(await runWorker('bench/import-rate.ts'));
  }
  if (chosen.has('poll')) {
    progress('8. one poll cycle of 10,000 Pending requests, then a second over the same');
    sections.push(await runWorker('bench/poll-cycle.ts'));
  }
  if (chosen.has('matcher')) {
    progress('9b. matcher passes over 10,000 Pending requests: shadow, auto, an idle tick, then sending a batch');
    sections.push(await runWorker('bench/matcher-pass.ts'));
  }
  report(startedAt, build, chromium, sections, chosen.size === SECTIONS.length);
}

function report(startedAt: Date, build: BuildInfo, chromium: string, sections: Section[], isComplete: boolean): void {
  sections.sort((a, b) => TABLE_ORDER.indexOf(a.id) - TABLE_ORDER.indexOf(b.id));
  const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const machine = machineInfo(chromium);
  const file = writeResults(
    { startedAt: startedAt.toISOString(), wallSeconds, machine, git: gitInfo(), build },
    sections,
    isComplete,
  );
  process.stdout.write(
    `\nConnection Desk bench, ${startedAt.toISOString()}: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, build ${build.id}\n`,
  );
  process.stdout.write(formatTable(sections));
  process.stdout.write(
    `\nWall time ${wallSeconds.toFixed(0)} s. Figures in ${file}${isComplete ? ' and bench/results/latest-bench.json' : ''}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nThe bench stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
