import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { ConnectionRequest } from '@/lib/concur/model';
import { defaultRetryPolicy } from '@/lib/concur/retry';
import { loadKeyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import { pollOnce } from '@/lib/ledger/poller';
import { toEntry } from '@/lib/ledger/store';
import { type MatcherDeps, matchPass, type PassResult } from '@/lib/matcher/pass';
import { MAX_HOLD_MS } from '@/lib/matcher/settings';
import { createDbMemberDirectory } from '@/lib/members/directory';
import { findCandidates } from '@/lib/members/find';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { sandboxControl } from '@/scripts/lib/sandbox-control';
import { sandboxProcess } from '@/scripts/lib/sandbox-process';
import { membersForQueue } from './lib/matcher-members';
import { freshDb, writeRecords } from './lib/member-db';
import type { Section } from './lib/report';
import { sampleInTurns } from './lib/sampling';
import { loopNote, type Timed, timed } from './lib/timed';
import { reportSection } from './lib/worker';
import { measureSends, SEND_BATCH } from './matcher-send';

/**
 * 9b. The matcher's throughput: matchPass over 10,000 Pending requests polled into an empty
 * SQLite ledger, with a directory made from them (nine in ten an exact member, one in ten a
 * near miss), under shadow (judging only) and under auto (judging and holding; the hold is long,
 * so nothing is sent within the pass). Against the member lookups alone (findCandidates) for the
 * same 10,000, before and after. Sending is measured apart, on a batch of the held decisions.
 * In a process of its own, so its CPU time is the matcher's.
 */

const BACKLOG = 10_000;
const DIR = path.join('data', 'bench', 'matcher');
const IDLE_ROUNDS = 2;
const noRetries = { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };

const queuedRows = (db: Db) =>
  db.selectFrom('ledger_request').selectAll().where('left_at', 'is', null).orderBy('queue_position').execute();

async function queuedRequests(db: Db, keyring: MatcherDeps['keyring']): Promise<ConnectionRequest[]> {
  const ring = keyring();
  return (await queuedRows(db)).map((row) => toEntry(ring, row).request);
}

/**
 * Part of what a pass adds to the lookups: each request opened from the ledger with the keyring
 * read from its file every time, as judgeOne does, and with the keyring read once.
 */
async function decoding(deps: MatcherDeps): Promise<{ eachMs: number; onceMs: number }> {
  const rows = await queuedRows(deps.db);
  const each = await timed(async () => rows.map((row) => toEntry(deps.keyring(), row)));
  const ring = deps.keyring();
  const once = await timed(async () => rows.map((row) => toEntry(ring, row)));
  return { eachMs: each.wallMs, onceMs: once.wallMs };
}

async function lookups(deps: MatcherDeps, requests: readonly ConnectionRequest[]) {
  return timed(async () => {
    let candidates = 0;
    for (const request of requests) candidates += (await findCandidates(deps.directory, request)).length;
    return candidates;
  });
}

async function pass(deps: MatcherDeps, policy: 'shadow' | 'auto'): Promise<Timed & { result: PassResult }> {
  const run = await timed(() =>
    matchPass({ ...deps, env: { matcher: { policy, holdMs: policy === 'auto' ? MAX_HOLD_MS : null } } }),
  );
  if (run.result.judged !== BACKLOG || run.result.sent !== 0) {
    throw new Error(`the ${policy} pass judged ${run.result.judged} of ${BACKLOG} and sent ${run.result.sent}`);
  }
  return run;
}

async function verdicts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('match_evaluation')
    .select(['verdict', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('superseded_at', 'is', null)
    .groupBy(['verdict', 'reason'])
    .execute();
  return Object.fromEntries(rows.map((row) => [row.reason ?? row.verdict, Number(row.n)]));
}

const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');

/** The warnings the matcher logged, counted by event and message. */
function warningNotes(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const { event, err } = JSON.parse(line) as { event?: string; err?: string };
    const key = `${event ?? 'warning'}${err ? `: ${err}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([warning, n]) => `logged ${n} × ${warning}`);
}

/**
 * The full pass with nothing new, under shadow and under auto with the pass's decisions held,
 * and the quick pass a tick between polls runs under auto (runner.ts), in turns. Each one's
 * mean of IDLE_ROUNDS.
 */
async function idlePasses(deps: MatcherDeps): Promise<Record<'shadow' | 'auto' | 'quick', number>> {
  const probe =
    (policy: 'shadow' | 'auto', isQuick = false) =>
    async () => {
      const run = await timed(() =>
        matchPass({ ...deps, env: { matcher: { policy, holdMs: MAX_HOLD_MS } } }, { isQuick }),
      );
      if (run.result.judged + run.result.held + run.result.sent > 0) {
        throw new Error(`an idle ${policy} pass did something: ${JSON.stringify(run.result)}`);
      }
      return run.wallMs;
    };
  const samples = await sampleInTurns(
    { shadow: probe('shadow'), auto: probe('auto'), quick: probe('auto', true) },
    { warmup: 0, rounds: IDLE_ROUNDS },
  );
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { shadow: mean(samples.shadow), auto: mean(samples.auto), quick: mean(samples.quick) };
}

type Setup = {
  deps: MatcherDeps;
  requests: ConnectionRequest[];
  members: ReturnType<typeof membersForQueue>;
  warnings: string[];
};

/** The sandbox's 10,000 polled into the fresh ledger, and a member directory made from them. */
async function setUp(db: Db, sandboxUrl: string): Promise<Setup> {
  const control = sandboxControl(sandboxUrl);
  const loaded = (await control.reset({ backlog: BACKLOG })).requests;
  if (loaded !== BACKLOG) throw new Error(`the sandbox loaded ${loaded} requests, not ${BACKLOG}`);
  // Warnings kept for the notes: a send that failed says why there.
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
  // Loaded on every use, as the dashboard's matcher and sender do.
  const keyring = () => loadKeyring({ dataDir: DIR, tokenKeys: null });
  const concur = sandboxClient(sandboxUrl, { deps: { retry: noRetries } });
  const polled = await pollOnce({ db, concur, keyring, logger, owner: 'bench' });
  if (polled.walk !== 'clean' || polled.requests !== BACKLOG) {
    throw new Error(`the poll was not one clean walk of ${BACKLOG}: ${polled.walk}, ${polled.requests} requests`);
  }
  const requests = await queuedRequests(db, keyring);
  const members = membersForQueue(requests);
  await writeRecords(db, members.records);
  progress(`${BACKLOG.toLocaleString('en')} polled, ${members.records.length.toLocaleString('en')} members written`);
  const deps: MatcherDeps = {
    db,
    // The sender's client as the dashboard configures it: its retries and timeout.
    concur: sandboxClient(sandboxUrl, { timeoutMs: 15_000, deps: { retry: defaultRetryPolicy } }),
    logger,
    owner: 'bench-matcher',
    leaseMs: 30_000,
    keyring,
    directory: createDbMemberDirectory(db),
    env: { matcher: { policy: null, holdMs: null } },
  };
  return { deps, requests, members, warnings };
}

const progress = (message: string) => process.stderr.write(`  ${message}\n`);
const seconds = (run: Pick<Timed, 'wallMs'>) => `${(run.wallMs / 1000).toFixed(1)} s`;
const perSecond = (run: Pick<Timed, 'wallMs'>) => BACKLOG / (run.wallMs / 1000);

type Measured = {
  before: Timed;
  after: Timed;
  shadow: Timed & { result: PassResult };
  auto: Timed & { result: PassResult };
  judgedAs: Record<string, number>;
  idle: Record<'shadow' | 'auto' | 'quick', number>;
  decoded: { eachMs: number; onceMs: number };
  sends: Awaited<ReturnType<typeof measureSends>>;
};

/** Lookups, the shadow pass, the auto pass over the same 10,000 judged afresh, idle passes, lookups again, sends. */
async function measure({ deps, requests }: Setup): Promise<Measured> {
  const before = await lookups(deps, requests);
  progress(`lookups alone: ${seconds(before)}`);
  const shadow = await pass(deps, 'shadow');
  const judgedAs = await verdicts(deps.db);
  progress(`shadow pass: ${seconds(shadow)}`);
  // The shadow's judgements would otherwise stand, and the auto pass judge nothing.
  await deps.db.deleteFrom('match_evaluation').execute();
  const auto = await pass(deps, 'auto');
  progress(`auto pass: ${seconds(auto)}, ${auto.result.held} held`);
  const idle = await idlePasses(deps);
  progress(`idle passes: shadow ${(idle.shadow / 1000).toFixed(2)} s, auto ${(idle.auto / 1000).toFixed(2)} s`);
  const after = await lookups(deps, requests);
  const decoded = await decoding(deps);
  const sends = await measureSends(deps);
  return { before, after, shadow, auto, judgedAs, idle, decoded, sends };
}

const lookupRun = ({ before, after }: Measured) => ({
  wallMs: (before.wallMs + after.wallMs) / 2,
  cpuMs: (before.cpuMs + after.cpuMs) / 2,
});

function rowsOf(measured: Measured): Section['rows'] {
  const { shadow, auto, idle, sends } = measured;
  const lookupsPerSecond = perSecond(lookupRun(measured));
  return [
    {
      label: 'matcher pass, shadow (judging), requests/s',
      baseline: lookupsPerSecond,
      figure: perSecond(shadow),
      unit: 'req/s',
    },
    {
      label: 'matcher pass, auto (judging + holding), requests/s',
      baseline: lookupsPerSecond,
      figure: perSecond(auto),
      unit: 'req/s',
    },
    {
      label: `a full pass with nothing new, auto with ${auto.result.held.toLocaleString('en')} held`,
      baseline: idle.shadow,
      figure: idle.auto,
      unit: 'ms',
    },
    {
      label: 'a tick between polls (quick pass: sends what its hold let go), auto',
      baseline: idle.auto,
      figure: idle.quick,
      unit: 'ms',
    },
    {
      label: `sending a held CRSUC (exchange, vault, PUT), p50 of ${SEND_BATCH}`,
      baseline: sends.bare.p50,
      figure: sends.matcher.p50,
      unit: 'ms',
    },
    {
      label: `sending a held CRSUC, p95 of ${SEND_BATCH}`,
      baseline: sends.bare.p95,
      figure: sends.matcher.p95,
      unit: 'ms',
    },
  ];
}

function notesOf(measured: Measured, setup: Setup): string[] {
  const { before, after, shadow, auto, judgedAs, decoded, sends } = measured;
  const perRequestCpu = (run: Pick<Timed, 'cpuMs'>) => `${(run.cpuMs / BACKLOG).toFixed(2)} ms`;
  const failed = sends.failedAt.length > 0 ? ` (failed: send no. ${sends.failedAt.join(', ')})` : '';
  return [
    `directory: ${setup.members.records.length.toLocaleString('en')} members, one per request as the request has it, but one in ten a near miss (${describeCounts(setup.members.nearMisses)})`,
    `judged: ${describeCounts(judgedAs)}; auto held ${auto.result.held}`,
    `wall: lookups ${seconds(before)} before, ${seconds(after)} after; shadow pass ${seconds(shadow)}; auto pass ${seconds(auto)} (its hold ${MAX_HOLD_MS / 3_600_000} h, so the pass sends nothing)`,
    loopNote(shadow, auto),
    `of the pass's time over the lookups: opening the ${BACKLOG.toLocaleString('en')} from the ledger with the keyring read from its file each time ${(decoded.eachMs / 1000).toFixed(1)} s (${(decoded.onceMs / 1000).toFixed(1)} s with the keyring read once a batch, as the matcher does)`,
    `CPU per request: lookups ${perRequestCpu(lookupRun(measured))}, shadow ${perRequestCpu(shadow)}, auto ${perRequestCpu(auto)}`,
    `sending: ${SEND_BATCH} held decisions promoted and delivered one at a time, in turns with the bare exchange + PUT for ${SEND_BATCH} others; ended ${describeCounts(sends.states)}${failed}`,
    ...warningNotes(setup.warnings),
  ];
}

function toSection(measured: Measured, setup: Setup): Section {
  const { before, after, shadow, auto, judgedAs, idle, decoded, sends } = measured;
  return {
    id: 'matcher-pass',
    title: `9b. Matcher: one pass over ${BACKLOG.toLocaleString('en')} Pending requests in an SQLite ledger`,
    baseline: `findCandidates alone for the same ${BACKLOG.toLocaleString('en')} (mean of a run before and one after the passes); the idle auto pass: the idle shadow pass; the quick tick: the idle auto pass; sending: the same Concur calls made bare`,
    rows: rowsOf(measured),
    notes: notesOf(measured, setup),
    data: {
      backlog: BACKLOG,
      members: setup.members.records.length,
      nearMisses: setup.members.nearMisses,
      verdicts: judgedAs,
      lookups: { before, after },
      shadow,
      auto,
      idlePassMs: idle,
      decodingMs: decoded,
      sends,
    },
  };
}

async function main(): Promise<void> {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const sandbox = sandboxProcess({ dbFile: path.join(DIR, 'sandbox.sqlite'), logFile: path.join(DIR, 'sandbox.log') });
  await sandbox.start();
  const db = await freshDb(path.join(DIR, 'ledger.sqlite'));
  try {
    const setup = await setUp(db, sandbox.baseUrl());
    reportSection(toSection(await measure(setup), setup));
  } finally {
    await db.destroy();
    await sandbox.stop();
  }
}

await main();
