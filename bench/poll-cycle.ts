import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadKeyring } from '@/lib/connections/keyring';
import { type PollerDeps, pollOnce } from '@/lib/ledger/poller';
import { sandboxClient } from '@/scripts/lib/sandbox-concur';
import { type SandboxCalls, type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { sandboxProcess } from '@/scripts/lib/sandbox-process';
import { freshDb } from './lib/member-db';
import type { Row, Section } from './lib/report';
import { since } from './lib/stats';
import { reportSection } from './lib/worker';

/**
 * 8. One poll cycle (pollOnce, as the dashboard's poller runs it, without quick retries) over
 * 10,000 Pending requests in a sandbox of its own, into an empty SQLite ledger; then a second
 * over the same 10,000, all known (updates, not inserts). Each against the sandbox's own
 * handling time for the same GETs. In a process of its own, so its CPU time is the poll's.
 */

const BACKLOG = 10_000;
const DIR = path.join('data', 'bench', 'poll');

type Cycle = { calls: SandboxCalls; pages: number; wallMs: number; cpuMs: number };

const totalCalls = (calls: SandboxCalls) =>
  calls.list.count + calls.getById.count + calls.put.count + calls.post.count + calls.token.count;

async function measureCycle(deps: PollerDeps, control: SandboxControl): Promise<Cycle> {
  await control.clearCalls();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await pollOnce(deps);
  const wallMs = since(started);
  const used = process.cpuUsage(cpu);
  if (result.walk !== 'clean' || result.requests !== BACKLOG) {
    throw new Error(`the poll was not one clean walk of ${BACKLOG}: ${result.walk}, ${result.requests} requests`);
  }
  return { calls: await control.calls(), pages: result.pages, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function cycleRows(label: string, cycle: Cycle): Row[] {
  return [
    { label: `${label}, Concur calls`, baseline: null, figure: totalCalls(cycle.calls), unit: 'count' },
    { label: `${label}, seconds`, baseline: cycle.calls.list.ms / 1000, figure: cycle.wallMs / 1000, unit: 's' },
    {
      label: `${label}, CPU ms per request`,
      baseline: cycle.calls.list.ms / BACKLOG,
      figure: cycle.cpuMs / BACKLOG,
      unit: 'ms',
    },
  ];
}

const describeCalls = (name: string, { list, getById, token }: SandboxCalls) =>
  `${name}: ${list.count.toLocaleString('en')} list GETs (${list.withStatus} with a status), ${token.count} token, ${getById.count} GET by id`;

async function main(): Promise<void> {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const sandbox = sandboxProcess({ dbFile: path.join(DIR, 'sandbox.sqlite'), logFile: path.join(DIR, 'sandbox.log') });
  await sandbox.start();
  const db = await freshDb(path.join(DIR, 'ledger.sqlite'));
  try {
    const control = sandboxControl(sandbox.baseUrl());
    const loaded = (await control.reset({ backlog: BACKLOG })).requests;
    if (loaded !== BACKLOG) throw new Error(`the sandbox loaded ${loaded} requests, not ${BACKLOG}`);
    const deps: PollerDeps = {
      db,
      concur: sandboxClient(sandbox.baseUrl(), {
        deps: { retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
      }),
      // Loaded on every use, as lib/ledger/production.ts does.
      keyring: () => loadKeyring({ dataDir: DIR, tokenKeys: null }),
      logger: pino({ level: 'silent' }),
      owner: 'bench',
    };
    const first = await measureCycle(deps, control);
    const second = await measureCycle(deps, control);
    const section: Section = {
      id: 'poll',
      title: `8. Poll: one cycle of ${BACKLOG.toLocaleString('en')} Pending requests into an empty SQLite ledger`,
      baseline: 'the sandbox’s own handling time for the same GETs: in all (seconds), and per request (CPU)',
      rows: [
        ...cycleRows(`poll ${BACKLOG.toLocaleString('en')} Pending: first cycle`, first),
        ...cycleRows('second cycle (all known)', second),
      ],
      notes: [
        describeCalls('first cycle', first.calls),
        describeCalls('second cycle', second.calls),
        'CPU is this process’s (the poller and its SQLite writes); the sandbox runs in its own',
      ],
      data: { backlog: BACKLOG, first, second },
    };
    reportSection(section);
  } finally {
    await db.destroy();
    await sandbox.stop();
  }
}

await main();
