import type { Evidence } from './checks';
import type { EngineResult } from './engine';
import type { OverrideKind } from './engine-agents';

/** The engine phase's table and findings, beside the decide phase's (report.ts). */

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

function codes(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .filter(([, n]) => n > 0)
    .sort()
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

/** "done / too late / colleague first" for one kind of override. */
function overrideCell(r: EngineResult, kind: OverrideKind): string | undefined {
  const tally = r.verdict?.overrides[kind];
  if (!tally) return undefined;
  const other = tally.refused + tally['no-answer'];
  return `${tally.done} / ${tally['too-late']} / ${tally['colleague-first']}${other ? ` (+${other} refused or no answer)` : ''}`;
}

function judged(r: EngineResult): string | undefined {
  if (!r.judgements) return undefined;
  const connect = r.judgements.connect ?? 0;
  const exceptions = Object.entries(r.judgements)
    .filter(([key]) => key.startsWith('exception'))
    .reduce((sum, [, n]) => sum + n, 0);
  return `${connect} / ${exceptions}`;
}

type Line = [label: string, value: (r: EngineResult) => string | number | undefined];

const lines: Line[] = [
  [
    'Engine phase: database × dashboards',
    (r) => `${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} × ${r.instances}`,
  ],
  ['Status', (r) => r.status],
  ['Pending requests / agents / hold', (r) => `${r.requests} / ${r.agents} / ${r.holdMinutes * 60} s`],
  [
    'Planned: near misses / exact matches with a number',
    (r) => r.verdict && `${r.verdict.plannedNearMisses} / ${r.verdict.plannedConnects}`,
  ],
  ['Judged: connect / exception', judged],
  ['Auto-held (decisions)', (r) => r.verdict?.auto.held],
  ['  of the planned exact matches held', (r) => r.verdict?.auto.heldAsPlanned],
  ['Auto-sent, by code sent', (r) => r.verdict && codes(r.verdict.auto.sentByCode)],
  ['  of which sent now by staff', (r) => r.verdict?.auto.sentNow],
  ['  withdrawn by the matcher', (r) => r.verdict?.auto.withdrawn],
  ['Held decisions marked for override', (r) => r.overridesMarked],
  ['Overrides done / too late / colleague first:', () => ''],
  ['  cancel', (r) => overrideCell(r, 'cancel')],
  ['  other code (CREU1 or CRRET)', (r) => overrideCell(r, 'fail-instead')],
  ['  another member of the candidates', (r) => overrideCell(r, 'connect-other')],
  ['  send now', (r) => overrideCell(r, 'send-now')],
  ['Cancel and send-now called', (r) => r.heldActionsVia],
  [
    'Staff decisions recorded / of them overrides',
    (r) => r.verdict && `${r.verdict.byHand.recorded} / ${r.verdict.byHand.overrides}`,
  ],
  ['Exceptions decided by hand (sent)', (r) => r.verdict?.byHand.exceptionsSent],
  ['Decided once (sandbox agrees)', (r) => r.verdict && `${r.verdict.decidedOnce} of ${r.verdict.requests}`],
  ['OVERRIDDEN / CANCELLED / WITHDRAWN SENT (must be 0)', (r) => r.verdict?.endedButSent.length],
  ['LOST (must be 0)', (r) => r.verdict?.lost.length],
  ['DOUBLED (must be 0)', (r) => r.verdict?.doubled.length],
  ['RULE VIOLATIONS (must be 0)', (r) => r.verdict?.ruleViolations.length],
  ['Left waiting with a reason', (r) => r.verdict?.waiting.length],
  ['Confirmed by absence (answer lost)', (r) => r.verdict?.base.confirmedByAbsence],
  [
    'GET by id / list calls with a status (must be 0)',
    (r) => r.verdict && `${r.verdict.base.calls.getById.count} / ${r.verdict.base.calls.list.withStatus}`,
  ],
  [
    'Matcher paused itself / resumed by the admin',
    (r) => r.selfPauses && `${r.selfPauses.length} / ${r.selfPauses.filter((p) => p.resumedAfterMs !== null).length}`,
  ],
  ['Resent by an operator', (r) => r.drain?.operatorResends.length],
  ['Faults fired', (r) => r.faultsFired && Object.values(r.faultsFired).reduce((a, b) => a + b, 0)],
  ['Calls that found no dashboard', (r) => r.journal?.unreachable],
  [
    'Polls clean / shifted / failed / cut off',
    (r) => {
      const polls = r.verdict?.base.polls;
      return polls && `${polls.clean} / ${polls.shifted} / ${polls.failed} / ${polls.cutOff}`;
    },
  ],
  [
    'List GETs / PUTs / token calls Concur received',
    (r) => {
      const calls = r.verdict?.base.calls;
      return calls && `${calls.list.count} / ${calls.put.count} / ${calls.token.count}`;
    },
  ],
  [
    'Restart downtime: sandbox / dashboard',
    (r) =>
      r.timeline
        ?.filter((e) => e.downtimeMs !== undefined)
        .map((e) => seconds(e.downtimeMs))
        .join(' / '),
  ],
  ['Killed dashboard held', (r) => r.killedDashboard && (r.killedDashboard.leases.join(', ') || 'no lease')],
  ['Set-up', (r) => seconds(r.timings?.setupMs)],
  ['Agent phase', (r) => seconds(r.timings?.agentPhaseMs)],
  ['Outbox drain', (r) => seconds(r.timings?.drainMs)],
  ['Scenario total', (r) => seconds(r.timings?.totalMs)],
  [
    'Decide call p50 / p95 / max',
    (r) => r.timings && `${r.timings.decideMs.p50} / ${r.timings.decideMs.p95} / ${r.timings.decideMs.max} ms`,
  ],
  ['Sandbox outcomes by code', (r) => r.sandboxStats && codes(r.sandboxStats.outcomes.byCode)],
];

export function engineTableRows(results: EngineResult[]): string[][] {
  return lines.map(([label, value]) => [label, ...results.map((r) => String(value(r) ?? '-'))]);
}

function evidenceLines(title: string, evidence: Evidence[]): string[] {
  if (evidence.length === 0) return [];
  return [
    `  ${title}: ${evidence.length}`,
    ...evidence.slice(0, 20).map((e) => `    - request ${e.requestId}: ${e.detail}`),
    ...(evidence.length > 20 ? [`    … ${evidence.length - 20} more in the JSON file`] : []),
  ];
}

export function engineFindings(r: EngineResult): string[] {
  const name = `Engine, ${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} × ${r.instances}`;
  if (r.status !== 'completed') {
    return [`${r.status === 'skipped' ? '--' : '!!!'} ${name}: ${r.status.toUpperCase()}: ${r.reason ?? ''}`];
  }
  const v = r.verdict;
  if (!v) return [];
  const problems = v.lost.length + v.doubled.length + v.endedButSent.length + v.ruleViolations.length;
  return [
    problems === 0
      ? `OK  ${name}: ${v.decidedOnce} of ${v.requests} decided once; 0 lost, 0 doubled, no ended decision sent, every auto-connect a rule's match.`
      : `!!! ${name}: ${v.lost.length} LOST, ${v.doubled.length} DOUBLED, ${v.endedButSent.length} ENDED BUT SENT, ${v.ruleViolations.length} RULE VIOLATIONS`,
    ...v.base.forbiddenCalls.map((call) => `!!! ${call}`),
    ...evidenceLines('!!! LOST', v.lost),
    ...evidenceLines('!!! DOUBLED', v.doubled),
    ...evidenceLines('!!! ENDED BUT SENT', v.endedButSent),
    ...evidenceLines('!!! RULE VIOLATIONS', v.ruleViolations),
    ...evidenceLines('Applied but not marked sent', v.base.unconfirmed),
    ...evidenceLines('Left waiting with a reason', v.waiting),
    `  Logs and the agents' journal: ${r.logs}/`,
  ];
}
