import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/lib/db';
import type { SandboxControl, SandboxRequestRecord } from '@/scripts/lib/sandbox-control';
import type { DecisionRecord } from './checks';
import { DRAIN_LIMIT_MS, OPERATOR_RESEND_AFTER_MS } from './config';

/**
 * After the agents: faults off, and the outbox given time to deliver what failed or was left
 * `sending` by the crashed dashboard (and the matcher to send what it still holds). An operator
 * resends failed decisions by hand from a minute on, as the detail page lets them; what is still
 * open at the deadline is reported as such.
 */

export type OperatorResend = { decisionId: string; answer: string };

export type DrainResult = { ms: number; operatorResends: OperatorResend[]; openAtEnd: number };

async function openDecisions(db: Db) {
  return db
    .selectFrom('decision')
    .select(['id', 'send_state', 'next_attempt_at'])
    .where('send_state', 'in', ['held', 'sending', 'failed'])
    .execute();
}

export async function drainOutbox(db: Db, resend: (decisionId: string) => Promise<string>): Promise<DrainResult> {
  const started = Date.now();
  const operatorResends: OperatorResend[] = [];
  let passes = 0;
  for (;;) {
    const open = await openDecisions(db);
    const elapsed = Date.now() - started;
    const failed = open.filter((row) => row.send_state === 'failed');
    // Automatic resends have stopped for these; only a person can send them now.
    const isOnlyGivenUp = failed.length === open.length && failed.every((row) => row.next_attempt_at === null);
    if (open.length === 0 || elapsed > DRAIN_LIMIT_MS || (isOnlyGivenUp && passes >= 2)) {
      return { ms: elapsed, operatorResends, openAtEnd: open.length };
    }
    if (failed.length > 0 && (isOnlyGivenUp || elapsed >= OPERATOR_RESEND_AFTER_MS * (passes + 1))) {
      passes += 1;
      for (const row of failed) operatorResends.push({ decisionId: row.id, answer: await resend(row.id) });
    }
    await sleep(2000);
  }
}

export async function readDecisions(db: Db): Promise<DecisionRecord[]> {
  return db
    .selectFrom('decision')
    .leftJoin('user', 'user.id', 'decision.decided_by')
    .select([
      'decision.id',
      'decision.request_id',
      'decision.outcome_code',
      'decision.sent_code',
      'user.email as decided_by_email',
      'decision.send_state',
      'decision.attempts',
      'decision.last_error',
      'decision.next_attempt_at',
      'decision.confirmed_by',
      'decision.sent_at',
    ])
    .orderBy('decision.decided_at')
    .execute();
}

/** Every poll cycle the dashboards recorded, oldest first. */
export async function readPollCycles(db: Db) {
  return db
    .selectFrom('poll_cycle')
    .select(['owner', 'trigger', 'started_at', 'walk', 'pages', 'requests', 'gone_count', 'duration_ms', 'error'])
    .orderBy('started_at')
    .execute();
}

/** The sandbox's record of each request, a few at a time. */
export async function readSandboxRecords(
  control: SandboxControl,
  requestIds: string[],
): Promise<Map<string, SandboxRequestRecord>> {
  const records = new Map<string, SandboxRequestRecord>();
  const queue = [...requestIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) records.set(id, await control.request(id));
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return records;
}
