import { holdLease, releaseLease } from '@/lib/jobs/lease';
import { type MatcherDeps, matchPass } from './pass';

/**
 * The matcher's loop on each instance: whoever holds the `auto-matcher` lease runs a pass every
 * tick (a second by default), so a request is judged within a second of the poll that brought
 * it, and a held decision goes within a second of its hold ending. The other instances wait
 * for the lease; the database decides, never process memory.
 */

export const MATCHER_JOB = 'auto-matcher';
export const MATCHER_TICK_MS = 1000;
const LEASE_MS = 15_000;

/** One step: holds (or takes) the lease and runs a pass; null when another instance holds it. */
export async function matchIfHolder(deps: MatcherDeps): Promise<Awaited<ReturnType<typeof matchPass>> | null> {
  if (!(await holdLease(deps.db, MATCHER_JOB, deps.owner, LEASE_MS, deps.now?.()))) return null;
  // Renewed while a long pass (a large queue after an import) goes on.
  const heartbeat = setInterval(() => {
    holdLease(deps.db, MATCHER_JOB, deps.owner, LEASE_MS).catch(() => {});
  }, LEASE_MS / 3);
  try {
    return await matchPass(deps);
  } finally {
    clearInterval(heartbeat);
  }
}

export function startMatcher(deps: MatcherDeps, tickMs = MATCHER_TICK_MS): { stop: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let isStopped = false;
  const step = () => {
    running = matchIfHolder(deps)
      .catch((error: unknown) =>
        deps.logger.error(
          { event: 'matcher.pass.failed', err: error instanceof Error ? error.message : String(error) },
          'a matcher pass failed',
        ),
      )
      .finally(() => {
        if (!isStopped) timer = setTimeout(step, tickMs);
      });
  };
  step();
  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await running;
      await releaseLease(deps.db, MATCHER_JOB, deps.owner).catch(() => {});
    },
  };
}
