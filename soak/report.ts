import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Evidence } from './checks';
import { FAULT_PLAN, RESULTS_DIR } from './config';
import type { EngineResult } from './engine';
import { engineFindings, engineTableRows } from './engine-report';
import type { ScenarioResult } from './scenario';

export type SoakResult = ScenarioResult | EngineResult;

/** The soak's report: one table on the terminal, the same figures as JSON under soak/results/. */

export type Machine = {
  cpus: number;
  cpuModel: string;
  node: string;
  gitHead: string;
  hasUncommittedChanges: boolean;
  platform: string;
  build?: { id: string | null; isOlderThanSource: boolean; isChangedDuringSoak: boolean };
};

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    gitHead: git(['rev-parse', 'HEAD']),
    hasUncommittedChanges: git(['status', '--porcelain']) !== '',
    platform: `${os.platform()} ${os.release()}`,
  };
}

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

type Line = [label: string, value: (r: ScenarioResult) => string | number | undefined];

const lines: Line[] = [
  ['Database × dashboard instances', (r) => `${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} × ${r.instances}`],
  ['Status', (r) => r.status],
  ['Pending requests / agents', (r) => `${r.requests} / ${r.agents}`],
  ['Decide calls by agents', (r) => r.journal?.decideCalls],
  ['Decisions recorded (rows)', (r) => r.verdict?.decisionsRecorded],
  ['Agents told "saved"', (r) => r.verdict?.agentsToldSaved],
  [
    '  answer tone success/warning/error',
    (r) => r.verdict && ['success', 'warning', 'error'].map((t) => r.verdict?.tones[t] ?? 0).join(' / '),
  ],
  [
    'No answer: recorded / not recorded',
    (r) => r.verdict && `${r.verdict.noAnswer.recorded} / ${r.verdict.noAnswer.notRecorded}`,
  ],
  ['Refused: already decided', (r) => r.verdict?.refusals.taken],
  ['Refused: being reviewed', (r) => r.verdict?.refusals.reviewing],
  [
    'Refused: other',
    (r) => r.verdict && r.verdict.refusals.other + r.verdict.refusals.invalid + r.verdict.refusals.unauthenticated,
  ],
  [
    'Decide calls / recorded, per instance',
    (r) =>
      r.byInstance &&
      Object.entries(r.byInstance)
        .map(
          ([url, n]) => `${url.startsWith('http') ? `:${url.split(':').at(-1)}` : url} ${n.decideCalls}/${n.recorded}`,
        )
        .join(', '),
  ],
  ['Sent once (sandbox agrees)', (r) => r.verdict?.sentOnce],
  ['  of which confirmed by absence (answer lost)', (r) => r.verdict?.confirmedByAbsence],
  ['  of which sent after the agents were done', (r) => r.sentAfterAgents],
  ['  of which sent as another code', (r) => r.verdict && (codes(r.verdict.sentInstead) || 0)],
  ['LOST', (r) => r.verdict?.lost.length],
  ['DOUBLED', (r) => r.verdict?.doubled.length],
  ['GET by id calls (must be 0)', (r) => r.verdict?.calls.getById.count],
  ['List calls with a status (must be 0)', (r) => r.verdict?.calls.list.withStatus],
  ['Left failed with a reason', (r) => r.verdict?.failedWithReason.length],
  ['Applied but not marked sent', (r) => r.verdict?.unconfirmed.length],
  ['Conflicts (request changed, not sent)', (r) => r.verdict?.conflicts.length],
  ['Requests left undecided', (r) => r.verdict?.undecided.length],
  ['Resent by an operator', (r) => r.drain?.operatorResends.length],
  ['Faults fired', (r) => r.faultsFired && Object.values(r.faultsFired).reduce((a, b) => a + b, 0)],
  ['Calls that found no dashboard', (r) => r.journal?.unreachable],
  ['Lists saying Concur unreachable', (r) => r.journal?.listConcurUnavailable],
  ['Polls completed: clean / shifted', (r) => r.verdict && `${r.verdict.polls.clean} / ${r.verdict.polls.shifted}`],
  ['Polls failed / cut off by a kill', (r) => r.verdict && `${r.verdict.polls.failed} / ${r.verdict.polls.cutOff}`],
  [
    'List GETs / PUTs Concur received',
    (r) => r.verdict && `${r.verdict.calls.list.count} / ${r.verdict.calls.put.count}`,
  ],
  [
    'Restart downtime sandbox / dashboard',
    (r) =>
      r.timeline
        ?.filter((e) => e.downtimeMs !== undefined)
        .map((e) => seconds(e.downtimeMs))
        .join(' / '),
  ],
  ['Set-up', (r) => seconds(r.timings?.setupMs)],
  ['Agent phase', (r) => seconds(r.timings?.agentPhaseMs)],
  ['Outbox drain', (r) => seconds(r.timings?.drainMs)],
  ['Scenario total', (r) => seconds(r.timings?.totalMs)],
  ['Decisions per second (agent phase)', (r) => r.timings?.decisionsPerSecond],
  [
    'Decide call p50 / p95 / max',
    (r) => r.timings && `${r.timings.decideMs.p50} / ${r.timings.decideMs.p95} / ${r.timings.decideMs.max} ms`,
  ],
  ['Sandbox outcomes by code', (r) => r.sandboxStats && codes(r.sandboxStats.outcomes.byCode)],
  ['Our decisions sent, by code', (r) => r.verdict && codes(r.verdict.sentByCode)],
];

function codes(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .filter(([, n]) => n > 0)
    .sort()
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

function printRows(rows: string[][]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [rule];
  for (const row of rows) out.push(`| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`);
  out.push(rule);
  process.stdout.write(`\n${out.join('\n')}\n`);
}

/** One table for the decide phase's scenarios, one for the engine phase's. */
export function printTable(results: SoakResult[]): void {
  const decide = results.filter((r): r is ScenarioResult => r.phase === 'decide');
  const engine = results.filter((r): r is EngineResult => r.phase === 'engine');
  if (decide.length > 0)
    printRows(lines.map(([label, value]) => [label, ...decide.map((r) => String(value(r) ?? '-'))]));
  if (engine.length > 0) printRows(engineTableRows(engine));
}

function evidenceLines(title: string, evidence: Evidence[]): string[] {
  if (evidence.length === 0) return [];
  return [
    `  ${title}: ${evidence.length}`,
    ...evidence.slice(0, 20).map((e) => `    - request ${e.requestId}: ${e.detail}`),
    ...(evidence.length > 20 ? [`    … ${evidence.length - 20} more in the JSON file`] : []),
  ];
}

/** Lost and doubled decisions, and anything else that needs a person, where nobody can miss them. */
export function printFindings(results: SoakResult[]): void {
  const out: string[] = [];
  for (const r of results) {
    if (r.phase === 'engine') {
      out.push(...engineFindings(r));
      continue;
    }
    const name = `${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} × ${r.instances}`;
    if (r.status !== 'completed') {
      out.push(`${r.status === 'skipped' ? '--' : '!!!'} ${name}: ${r.status.toUpperCase()}: ${r.reason ?? ''}`);
      continue;
    }
    const v = r.verdict;
    if (!v) continue;
    const isClean = v.lost.length === 0 && v.doubled.length === 0;
    out.push(
      isClean ? `OK  ${name}: 0 lost, 0 doubled.` : `!!! ${name}: ${v.lost.length} LOST, ${v.doubled.length} DOUBLED`,
    );
    out.push(
      ...(v.forbiddenCalls.length === 0
        ? ['OK  no GET by id, no status filter on a list.']
        : v.forbiddenCalls.map((call) => `!!! ${call}`)),
    );
    out.push(
      ...evidenceLines('!!! LOST', v.lost),
      ...evidenceLines('!!! DOUBLED', v.doubled),
      ...evidenceLines('Applied but not marked sent', v.unconfirmed),
      ...evidenceLines('Left failed with a reason', v.failedWithReason),
      ...evidenceLines('Conflicts', v.conflicts),
    );
    if (v.undecided.length > 0)
      out.push(`  Requests left undecided: ${v.undecided.length} (${v.undecided.slice(0, 5).join(', ')}…)`);
    out.push(`  Logs and the agents' journal: ${r.logs}/`);
  }
  process.stdout.write(`\n${out.join('\n')}\n\n`);
}

export function writeResults(startedAt: Date, wallMs: number, machine: Machine, results: SoakResult[]): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(RESULTS_DIR, `soak-${stamp}.json`);
  const body = `${JSON.stringify({ startedAt: startedAt.toISOString(), wallMs, machine, faultPlan: FAULT_PLAN, scenarios: results }, null, 2)}\n`;
  fs.writeFileSync(file, body);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest-soak.json'), body);
  return path.relative(process.cwd(), file);
}
