import type { Db } from '@/lib/db';
import { jobState } from '@/lib/jobs/lease';
import { POLLER_JOB } from './poller';

/** Where polling stands, for the screens: when Concur was last polled and what went wrong since. */
export type PollStatus = {
  /** The end of the last poll that walked the whole queue; null before the first. */
  lastPolledAt: string | null;
  /** The latest poll failed: what to tell staff, and the reference for the server log. */
  lastFailure: { at: string; message: string; correlationId: string | null } | null;
  /**
   * A poll was asked for in the last minute and has not started yet (an older request that no
   * poller took up is not shown as underway: screens stop following it).
   */
  isRequested: boolean;
  /** A poll is walking the queue now. */
  isRunning: boolean;
  /** Concur asked us to wait: no poll before this. */
  pausedUntil: string | null;
};

const REQUEST_FRESH_MS = 60_000;

export async function pollStatus(db: Db, now = new Date()): Promise<PollStatus> {
  const [lastGood, latest, state] = await Promise.all([
    db
      .selectFrom('poll_cycle')
      .select('finished_at')
      .where('walk', 'in', ['clean', 'shifted'])
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('poll_cycle')
      .select(['walk', 'finished_at', 'started_at', 'error', 'correlation_id'])
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    jobState(db, POLLER_JOB),
  ]);
  return {
    lastPolledAt: lastGood?.finished_at ?? null,
    lastFailure:
      latest?.walk === 'failed'
        ? {
            at: latest.finished_at ?? latest.started_at,
            message: latest.error ?? 'The last poll failed.',
            correlationId: latest.correlation_id,
          }
        : null,
    isRequested: state.requestedAt !== null && now.getTime() - Date.parse(state.requestedAt) < REQUEST_FRESH_MS,
    isRunning: latest?.walk === 'running',
    pausedUntil: state.notBefore && state.notBefore > now.toISOString() ? state.notBefore : null,
  };
}
