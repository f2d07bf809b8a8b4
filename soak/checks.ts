import type { DecisionSendState, PollWalk } from '@/lib/db/types';
import type { SandboxCalls, SandboxRequestRecord } from '@/scripts/lib/sandbox-control';
import type { DecideAttempt, RefusalKind } from './journal';

/**
 * The soak's verdict: what the agents were told and what the dashboard recorded, held against
 * the sandbox's own record of every outcome it applied and of every call it was sent, with the
 * poller's own record of its cycles. A pure function of those.
 */

export type DecisionRecord = {
  id: string;
  request_id: string;
  outcome_code: string;
  /** What was sent in place of the decided code (a connect whose request token was unusable goes as CRRET). */
  sent_code: string | null;
  decided_by_email: string | null;
  send_state: DecisionSendState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  confirmed_by: string | null;
  sent_at: string | null;
};

export type Evidence = { requestId: string; decisionIds: string[]; detail: string };

/** What the engine did besides deciding: its poll cycles (poll_cycle rows) and the calls Concur received. */
export type EngineRecord = { pollWalks: PollWalk[]; calls: SandboxCalls };

export type PollTally = {
  clean: number;
  shifted: number;
  failed: number;
  /** Still `running` once the dashboards had stopped: a walk cut off by a kill. */
  cutOff: number;
};

export type Verdict = {
  requests: number;
  decisionsRecorded: number;
  agentsToldSaved: number;
  noAnswer: { total: number; recorded: number; notRecorded: number };
  sentOnce: number;
  /** A PUT whose answer was lost, confirmed by the request leaving the queue at a clean poll. */
  confirmedByAbsence: number;
  lost: Evidence[];
  doubled: Evidence[];
  failedWithReason: Evidence[];
  /** Concur applied it, but our row does not say `sent` (still sending, or failed). */
  unconfirmed: Evidence[];
  conflicts: Evidence[];
  undecided: string[];
  refusals: Record<RefusalKind, number>;
  tones: Record<string, number>;
  sentByCode: Record<string, number>;
  /** Decisions sent as another code than decided (sent_code), by "decided→sent". */
  sentInstead: Record<string, number>;
  polls: PollTally;
  calls: SandboxCalls;
  /** Calls the engine must never make: GET by id (off), a list with a status filter. */
  forbiddenCalls: string[];
};

/** The code Concur should show for a decision: the decided one, or what the dashboard says it sent instead. */
const expectedCode = (row: DecisionRecord) => row.sent_code ?? row.outcome_code;

const count = <K extends string>(into: Record<K, number>, key: K) => {
  into[key] = (into[key] ?? 0) + 1;
};

function describeOutcomes(record: SandboxRequestRecord | undefined): string {
  if (!record || record.outcomes.length === 0) return 'the sandbox shows no outcome';
  return `the sandbox shows ${record.outcomes.map((o) => `${o.code} at ${o.at}`).join(', ')}`;
}

function judgeRequest(
  requestId: string,
  rows: DecisionRecord[],
  record: SandboxRequestRecord | undefined,
  verdict: Verdict,
) {
  const outcomes = record?.outcomes ?? [];
  const sent = rows.filter((row) => row.send_state === 'sent');
  const ids = rows.map((row) => row.id);
  const evidence = (detail: string): Evidence => ({ requestId, decisionIds: ids, detail });
  const states = rows.map((row) => `${row.id.slice(0, 8)} ${expectedCode(row)} ${row.send_state}`).join('; ');

  if (outcomes.length > 1) verdict.doubled.push(evidence(`${describeOutcomes(record)}; ours: ${states}`));
  else if ((record?.notifications.length ?? 0) > 1) {
    verdict.doubled.push(evidence(`the traveller was notified ${record?.notifications.length} times; ours: ${states}`));
  } else if (sent.length > 1) verdict.doubled.push(evidence(`more than one of our decisions says sent: ${states}`));
  for (const outcome of outcomes) {
    if (!rows.some((row) => expectedCode(row) === outcome.code)) {
      verdict.doubled.push(
        evidence(`an outcome we never decided: ${outcome.code} at ${outcome.at}; ours: ${states || 'none'}`),
      );
    }
  }
  const applied = (row: DecisionRecord) => outcomes.some((o) => o.code === expectedCode(row));
  for (const row of rows) {
    if (row.send_state === 'sent') {
      count(verdict.sentByCode, expectedCode(row));
      if (expectedCode(row) !== row.outcome_code)
        count(verdict.sentInstead, `${row.outcome_code}→${expectedCode(row)}`);
      if (row.confirmed_by === 'absence') verdict.confirmedByAbsence += 1;
      if (!applied(row)) verdict.lost.push(evidence(`${row.id} says sent, but ${describeOutcomes(record)}`));
    } else if (row.send_state === 'conflict') {
      verdict.conflicts.push(evidence(`${row.id}: ${row.last_error ?? 'no reason recorded'}`));
    } else if (applied(row)) {
      verdict.unconfirmed.push(
        evidence(`${row.id} is ${row.send_state} (${row.attempts} attempts), but ${describeOutcomes(record)}`),
      );
    } else if (row.send_state === 'failed' && row.last_error) {
      verdict.failedWithReason.push(evidence(`${row.id} (${row.attempts} attempts): ${row.last_error}`));
    } else {
      verdict.lost.push(evidence(`${row.id} is ${row.send_state} with no reason and ${describeOutcomes(record)}`));
    }
  }
  if (outcomes.length === 1 && sent.length === 1 && sent[0] && expectedCode(sent[0]) === outcomes[0]?.code) {
    verdict.sentOnce += 1;
  }
  // A conflict leaves the request to be decided again; any other decision of ours covers it.
  const isCovered = rows.some((row) => row.send_state !== 'conflict');
  if (outcomes.length === 0 && !isCovered && record?.status === 'Pending') verdict.undecided.push(requestId);
}

function judgeAttempts(attempts: DecideAttempt[], rows: DecisionRecord[], verdict: Verdict): void {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const attempt of attempts) {
    const { answer } = attempt;
    if (answer.kind === 'recorded') {
      verdict.agentsToldSaved += 1;
      count(verdict.tones, answer.tone);
      if (!byId.has(answer.decisionId)) {
        verdict.lost.push({
          requestId: attempt.requestId,
          decisionIds: [answer.decisionId],
          detail: `${attempt.agent} was told "${answer.message}" at ${attempt.at}, but no decision ${answer.decisionId} exists`,
        });
      }
    } else if (answer.kind === 'refused') {
      count(verdict.refusals, answer.reason);
    } else {
      verdict.noAnswer.total += 1;
      const isRecorded = rows.some(
        (row) =>
          row.request_id === attempt.requestId &&
          row.decided_by_email === attempt.agent &&
          row.outcome_code === attempt.outcomeCode,
      );
      if (isRecorded) verdict.noAnswer.recorded += 1;
      else verdict.noAnswer.notRecorded += 1;
    }
  }
}

function tallyPolls(walks: PollWalk[]): PollTally {
  const tally: PollTally = { clean: 0, shifted: 0, failed: 0, cutOff: 0 };
  for (const walk of walks) tally[walk === 'running' ? 'cutOff' : walk] += 1;
  return tally;
}

function forbiddenCalls({ list, getById }: SandboxCalls): string[] {
  return [
    ...(getById.count > 0 ? [`GET by id was called ${getById.count} times with CONCUR_GET_BY_ID off`] : []),
    ...(list.withStatus > 0 ? [`${list.withStatus} list calls carried a status filter`] : []),
  ];
}

export function judge(
  requestIds: string[],
  rows: DecisionRecord[],
  records: Map<string, SandboxRequestRecord>,
  attempts: DecideAttempt[],
  engine: EngineRecord,
): Verdict {
  const verdict: Verdict = {
    requests: requestIds.length,
    decisionsRecorded: rows.length,
    agentsToldSaved: 0,
    noAnswer: { total: 0, recorded: 0, notRecorded: 0 },
    sentOnce: 0,
    confirmedByAbsence: 0,
    lost: [],
    doubled: [],
    failedWithReason: [],
    unconfirmed: [],
    conflicts: [],
    undecided: [],
    refusals: { taken: 0, reviewing: 0, unauthenticated: 0, invalid: 0, other: 0 },
    tones: {},
    sentByCode: {},
    sentInstead: {},
    polls: tallyPolls(engine.pollWalks),
    calls: engine.calls,
    forbiddenCalls: forbiddenCalls(engine.calls),
  };
  // Map.groupBy is Node 21+; the project supports Node 20.
  const rowsByRequest = new Map<string, DecisionRecord[]>();
  for (const row of rows) rowsByRequest.set(row.request_id, [...(rowsByRequest.get(row.request_id) ?? []), row]);
  const known = new Set(requestIds);
  for (const id of requestIds) judgeRequest(id, rowsByRequest.get(id) ?? [], records.get(id), verdict);
  for (const [id, stray] of rowsByRequest) {
    if (!known.has(id))
      verdict.doubled.push({
        requestId: id,
        decisionIds: stray.map((r) => r.id),
        detail: 'a decision for a request outside the backlog',
      });
  }
  judgeAttempts(attempts, rows, verdict);
  return verdict;
}
