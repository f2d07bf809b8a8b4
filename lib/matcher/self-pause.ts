import { AUTO_MATCH_ACTOR } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import { pauseMatcher } from './settings';

/**
 * The matcher stops itself when what it relies on keeps failing: deciding on a directory that
 * cannot be searched, or sending into a Concur that refuses, only piles up work for people to
 * untangle. It reads the evidence from the database, so any instance sees the same.
 */

/** Lookups in a row that failed. */
export const DIRECTORY_FAILURES = 5;
/** Poll cycles in a row that failed. */
export const POLL_FAILURES = 3;
/** Automatic decisions in a row whose sending failed. */
export const SEND_FAILURES = 5;

async function isDirectoryFailing(db: Db, since: string): Promise<boolean> {
  const latest = await db
    .selectFrom('match_evaluation')
    .select('reason')
    .where('evaluated_at', '>', since)
    .orderBy('evaluated_at', 'desc')
    .limit(DIRECTORY_FAILURES)
    .execute();
  return latest.length === DIRECTORY_FAILURES && latest.every((row) => row.reason === 'lookup-failed');
}

async function isPollingFailing(db: Db, since: string): Promise<boolean> {
  const latest = await db
    .selectFrom('poll_cycle')
    .select('walk')
    .where('started_at', '>', since)
    .where('walk', '!=', 'running')
    .orderBy('started_at', 'desc')
    .limit(POLL_FAILURES)
    .execute();
  return latest.length === POLL_FAILURES && latest.every((row) => row.walk === 'failed');
}

async function isSendingFailing(db: Db, since: string): Promise<boolean> {
  const latest = await db
    .selectFrom('decision')
    .select('send_state')
    .where('decided_at', '>', since)
    .where('decided_by', '=', AUTO_MATCH_ACTOR)
    .where('send_state', 'in', ['sent', 'failed', 'conflict'])
    // Only waiting for a poll to confirm a PUT whose answer was lost is no refusal.
    .where('unconfirmed_since', 'is', null)
    .orderBy('decided_at', 'desc')
    .limit(SEND_FAILURES)
    .execute();
  return latest.length === SEND_FAILURES && latest.every((row) => row.send_state === 'failed');
}

async function failingReason(db: Db, since: string): Promise<string | null> {
  if (await isDirectoryFailing(db, since)) {
    return `The member directory failed ${DIRECTORY_FAILURES} lookups in a row.`;
  }
  if (await isPollingFailing(db, since)) return `Polling Concur failed ${POLL_FAILURES} times in a row.`;
  if (await isSendingFailing(db, since)) {
    return `Concur did not take the last ${SEND_FAILURES} automatic decisions.`;
  }
  return null;
}

/** Pauses the matcher when something it relies on keeps failing; the reason when it paused now. */
export async function checkSelfPause(db: Db, since: string | null, now = new Date()): Promise<string | null> {
  const reason = await failingReason(db, since ?? '');
  if (!reason) return null;
  const isNew = await pauseMatcher(db, { at: now.toISOString(), by: AUTO_MATCH_ACTOR, reason, isSelf: true });
  if (!isNew) return null;
  await recordAuditEvent(
    db,
    {
      actor: AUTO_MATCH_ACTOR,
      action: 'matcher.paused',
      subjectType: 'matcher',
      subjectId: null,
      detail: { reason, isSelf: true },
    },
    now,
  );
  return reason;
}
