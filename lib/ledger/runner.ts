import type { Db } from '@/lib/db';
import { clearRequest, holdLease, jobState, releaseLease, setNotBefore } from '@/lib/jobs/lease';
import { POLLER_JOB, type PollerDeps, type PollResult, pollOnce } from './poller';

/**
 * The poller's loop on each instance: it holds the lease (or waits for it), and polls when the
 * interval has passed or someone asked, unless Concur asked us to wait.
 */

/** When the last cycle (of any instance) started, or null before the first. */
async function lastCycleStart(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('poll_cycle')
    .select('started_at')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ?? null;
}

export type PollerTiming = { intervalMs: number; tickMs: number; leaseMs: number };

/**
 * Checks every second at most (a person's "Poll now" is answered within one), and holds the
 * lease long enough to outlast a slow step but short enough that a dead holder is replaced
 * within one interval. Concur's longer pauses are kept in the lease row (`not_before`).
 */
export function pollerTiming(intervalMs: number): PollerTiming {
  const tickMs = Math.max(200, Math.min(1000, Math.floor(intervalMs / 4)));
  return { intervalMs, tickMs, leaseMs: Math.max(3 * tickMs, Math.floor(intervalMs / 2)) };
}

/**
 * One step of the poller's loop on this instance: holds (or takes) the lease, and polls when a
 * poll is due (the interval passed, or someone asked) and Concur has not asked us to wait.
 * Returns the poll's result, or null when this instance did not poll.
 */
export async function pollIfDue(deps: PollerDeps, timing: PollerTiming): Promise<PollResult | null> {
  const now = deps.now?.() ?? new Date();
  if (!(await holdLease(deps.db, POLLER_JOB, deps.owner, timing.leaseMs, now))) return null;
  const state = await jobState(deps.db, POLLER_JOB);
  if (state.notBefore && state.notBefore > now.toISOString()) return null;
  const last = await lastCycleStart(deps.db);
  const isDue = !last || now.getTime() - Date.parse(last) >= timing.intervalMs;
  if (!isDue && !state.requestedAt) return null;
  await clearRequest(deps.db, POLLER_JOB, now.toISOString());
  // Renewed while the walk goes on: a long queue may take longer than one lease.
  const heartbeat = setInterval(() => {
    holdLease(deps.db, POLLER_JOB, deps.owner, timing.leaseMs).catch(() => {});
  }, timing.tickMs);
  try {
    const result = await pollOnce(deps, isDue ? 'schedule' : 'request');
    await setNotBefore(
      deps.db,
      POLLER_JOB,
      result.pauseMs ? new Date((deps.now?.() ?? new Date()).getTime() + result.pauseMs).toISOString() : null,
    );
    return result;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs the poller's loop on this instance until stopped; a failing step is logged and the next goes on. */
export function startPoller(deps: PollerDeps, intervalMs: number): { stop: () => Promise<void> } {
  const timing = pollerTiming(intervalMs);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let isStopped = false;
  const step = () => {
    running = pollIfDue(deps, timing)
      .catch((error: unknown) =>
        deps.logger.error(
          { event: 'ledger.poller.failed', err: error instanceof Error ? error.message : String(error) },
          'a poller step failed',
        ),
      )
      .finally(() => {
        if (!isStopped) timer = setTimeout(step, timing.tickMs);
      });
  };
  step();
  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await running;
      await releaseLease(deps.db, POLLER_JOB, deps.owner).catch(() => {});
    },
  };
}
