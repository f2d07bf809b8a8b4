import { AUTO_MATCH_ACTOR } from '@/lib/audit/describe';
import type { ConnectionRequest } from '@/lib/concur/model';
import { emailKey, lastNameKey, loyaltyNumberKey } from '@/lib/members/normalise';
import type { SandboxRequestRecord } from '@/scripts/lib/sandbox-control';
import { type DecisionRecord, type EngineRecord, type Evidence, judge, type Verdict } from './checks';
import type { OverrideKind, OverrideRecord } from './engine-agents';
import type { PersonItem } from './engine-board';
import type { EngineMembers } from './engine-members';
import type { DecideAttempt } from './journal';

/**
 * The engine phase's verdict, held against the sandbox's own record of what it was PUT and
 * the members directory: every request decided exactly once, no decision that staff or the
 * matcher ended ever sent, nothing lost, and every automatic connect a rule's match. A pure
 * function of those records.
 */

export type EngineDecision = DecisionRecord & {
  decided_by: string;
  decided_at: string;
  member_id: string | null;
  evaluation_id: string | null;
  overrides_decision_id: string | null;
  ended_by: string | null;
  ended_at: string | null;
};

export type MemberRecord = { id: string; firstName: string; lastName: string; loyaltyNumber: string | null };

export type EngineRecords = {
  requests: ConnectionRequest[];
  rows: EngineDecision[];
  sandbox: Map<string, SandboxRequestRecord>;
  /** traveller_connection: the decision each traveller's tokens were stored for. */
  connectionDecisionIds: Set<string>;
  members: MemberRecord[];
  /** member_email: member id → email keys. */
  memberEmails: Map<string, string[]>;
  plan: EngineMembers;
  /** What was still left to a person when the soak ended. */
  leftToPeople: PersonItem[];
  attempts: DecideAttempt[];
  overrides: OverrideRecord[];
  engine: EngineRecord;
};

type Tally = Record<OverrideRecord['answer']['kind'], number>;

export type EngineVerdict = {
  requests: number;
  plannedNearMisses: number;
  plannedConnects: number;
  auto: {
    held: number;
    /** Requests a rule should connect that the matcher held a decision for. */
    heldAsPlanned: number;
    sentByCode: Record<string, number>;
    sentNow: number;
    withdrawn: number;
  };
  overrides: Record<OverrideKind, Tally>;
  /** Staff decisions: all recorded, those replacing a held one, and the others (exceptions) that were sent. */
  byHand: { recorded: number; overrides: number; exceptionsSent: number };
  decidedOnce: number;
  endedButSent: Evidence[];
  lost: Evidence[];
  doubled: Evidence[];
  waiting: Evidence[];
  ruleViolations: Evidence[];
  base: Verdict;
};

const ENDED = new Set(['cancelled', 'overridden', 'withdrawn']);
const sentCode = (row: DecisionRecord) => row.sent_code ?? row.outcome_code;
const written = (name: string | null | undefined) => (name ?? '').trim().replace(/\s+/g, ' ');
const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

/**
 * A decision that never left `held` the way that sends (the hold's end or send-now) must leave
 * no trace at Concur: no attempt, no stored tokens, and no outcome of its code that a decision
 * of ours that was sent does not account for (one recorded before that outcome arrived).
 */
function endedButSent(rows: EngineDecision[], records: EngineRecords): Evidence[] {
  const found: Evidence[] = [];
  for (const row of rows.filter((r) => ENDED.has(r.send_state))) {
    const evidence = (detail: string) => ({ requestId: row.request_id, decisionIds: [row.id], detail });
    if (row.attempts > 0 || row.sent_at || row.sent_code) {
      found.push(
        evidence(`${row.send_state} decision ${row.id} has ${row.attempts} send attempts, sent_at ${row.sent_at}`),
      );
    }
    if (records.connectionDecisionIds.has(row.id)) {
      found.push(evidence(`the traveller's tokens were stored for ${row.send_state} decision ${row.id}`));
    }
    const sentOthers = rows.filter(
      (r) => r.request_id === row.request_id && r.id !== row.id && r.send_state === 'sent',
    );
    for (const outcome of records.sandbox.get(row.request_id)?.outcomes ?? []) {
      if (outcome.code !== row.outcome_code) continue;
      const isAccounted = sentOthers.some(
        (r) => sentCode(r) === outcome.code && Date.parse(r.decided_at) <= Date.parse(outcome.at),
      );
      if (!isAccounted) {
        found.push(
          evidence(
            `the sandbox shows ${outcome.code} at ${outcome.at}, which only the ${row.send_state} decision ${row.id} (decided ${row.decided_at}, ended ${row.ended_at}) explains`,
          ),
        );
      }
    }
  }
  return found;
}

/** An automatic connect must be the rule's: one member, same last name as written, same loyalty number, nothing shared. */
function ruleViolations(rows: EngineDecision[], records: EngineRecords): Evidence[] {
  const requests = new Map(records.requests.map((request) => [request.id, request]));
  const members = new Map(records.members.map((member) => [member.id, member]));
  const holders = new Map<string, string[]>();
  for (const member of records.members) {
    const key = loyaltyNumberKey(member.loyaltyNumber);
    if (key) holders.set(key, [...(holders.get(key) ?? []), member.id]);
  }
  const byEmail = new Map<string, string[]>();
  for (const [memberId, keys] of records.memberEmails) {
    for (const key of keys) byEmail.set(key, [...(byEmail.get(key) ?? []), memberId]);
  }
  const found: Evidence[] = [];
  for (const row of rows.filter((r) => r.decided_by === AUTO_MATCH_ACTOR)) {
    const fail = (detail: string) =>
      found.push({ requestId: row.request_id, decisionIds: [row.id], detail: `${row.send_state}: ${detail}` });
    const request = requests.get(row.request_id);
    const member = row.member_id ? members.get(row.member_id) : undefined;
    if (row.outcome_code !== 'CRSUC') {
      fail(`the matcher decided ${row.outcome_code}, though only connects are on (auto-fail off)`);
      continue;
    }
    if (!request || !member) {
      fail(
        `request ${request ? 'known' : 'unknown'}, member ${row.member_id ?? 'none'} ${member ? 'known' : 'unknown'}`,
      );
      continue;
    }
    const loyalty = loyaltyNumberKey(request.loyaltyNumber);
    const nearMiss = records.plan.nearMisses.get(request.id);
    const sharers = [
      ...(loyalty ? (holders.get(loyalty) ?? []) : []),
      ...request.emails.flatMap((email) => byEmail.get(emailKey(email)) ?? []),
    ].filter((id) => id !== member.id);
    if (nearMiss) fail(`a planned near miss (${nearMiss}) was connected automatically to ${member.id}`);
    if (!loyalty || loyalty !== loyaltyNumberKey(member.loyaltyNumber)) fail(`${member.id}'s loyalty number differs`);
    if (written(request.lastName) !== written(member.lastName)) fail(`${member.id}'s last name is written differently`);
    if (lastNameKey(request.firstName) !== lastNameKey(member.firstName)) fail(`${member.id}'s first name differs`);
    if (sharers.length > 0) fail(`the number or an email is shared with ${[...new Set(sharers)].join(', ')}`);
  }
  return found;
}

function tallyOverrides(overrides: OverrideRecord[]): Record<OverrideKind, Tally> {
  const empty = (): Tally => ({ done: 0, 'too-late': 0, 'colleague-first': 0, refused: 0, 'no-answer': 0 });
  const tally: Record<OverrideKind, Tally> = {
    cancel: empty(),
    'connect-other': empty(),
    'fail-instead': empty(),
    'send-now': empty(),
  };
  for (const record of overrides) tally[record.kind][record.answer.kind] += 1;
  return tally;
}

export function judgeEngine(records: EngineRecords): EngineVerdict {
  const { rows, plan } = records;
  const requestIds = records.requests.map((request) => request.id);
  const live = rows.filter((row) => !ENDED.has(row.send_state));
  const base = judge(requestIds, live, records.sandbox, records.attempts, records.engine);
  const auto = rows.filter((row) => row.decided_by === AUTO_MATCH_ACTOR);
  const staff = rows.filter((row) => row.decided_by !== AUTO_MATCH_ACTOR);
  const autoSentByCode: Record<string, number> = {};
  for (const row of auto.filter((r) => r.send_state === 'sent')) count(autoSentByCode, sentCode(row));
  const heldRequests = new Set(auto.map((row) => row.request_id));
  const waitingFor = new Map(records.leftToPeople.map((item) => [item.requestId, item.reason]));
  const undecided = base.undecided.map((requestId) => ({ requestId, reason: waitingFor.get(requestId) }));
  return {
    requests: requestIds.length,
    plannedNearMisses: plan.nearMisses.size,
    plannedConnects: plan.expectedConnects.size,
    auto: {
      held: auto.length,
      heldAsPlanned: [...plan.expectedConnects].filter((id) => heldRequests.has(id)).length,
      sentByCode: autoSentByCode,
      sentNow: auto.filter((row) => row.send_state !== 'held' && row.ended_by !== null && !ENDED.has(row.send_state))
        .length,
      withdrawn: auto.filter((row) => row.send_state === 'withdrawn').length,
    },
    overrides: tallyOverrides(records.overrides),
    byHand: {
      recorded: staff.length,
      overrides: staff.filter((row) => row.overrides_decision_id !== null).length,
      exceptionsSent: staff.filter((row) => row.send_state === 'sent' && row.overrides_decision_id === null).length,
    },
    decidedOnce: base.sentOnce,
    endedButSent: endedButSent(rows, records),
    lost: [
      ...base.lost,
      ...undecided
        .filter((item) => item.reason === undefined)
        .map((item) => ({ requestId: item.requestId, decisionIds: [], detail: 'no outcome, no decision, no reason' })),
    ],
    doubled: base.doubled,
    waiting: [
      ...base.failedWithReason,
      ...base.conflicts,
      ...undecided.flatMap((item) =>
        item.reason ? [{ requestId: item.requestId, decisionIds: [], detail: `left to a person: ${item.reason}` }] : [],
      ),
    ],
    ruleViolations: ruleViolations(rows, records),
    base,
  };
}
