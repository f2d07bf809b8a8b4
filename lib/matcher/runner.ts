import type { Db } from '@/lib/db';
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
/** A full pass at least this often, whatever the marks say (a failed lookup is tried again after a minute). */
const FULL_PASS_MS = 30_000;

/**
 * What a full pass depends on besides the clock: the latest poll cycle, the members' last
 * change and the matcher's settings. While it stays the same, a full pass would find nothing
 * new; on a queue of 10,000 one costs about 100 ms, a quick one a few.
 */
async function changeMark(db: Db): Promise<string> {
  const [cycle, settings] = await Promise.all([
    db.selectFrom('poll_cycle').select(['id', 'finished_at']).orderBy('started_at', 'desc').limit(1).executeTakeFirst(),
    db
      .selectFrom('app_setting')
      .select(['key', 'value'])
      .where((eb) => eb.or([eb('key', 'like', 'matcher.%'), eb('key', '=', 'members.changed-at')]))
      .orderBy('key')
      .execute(),
  ]);
  return JSON.stringify([cycle?.id, cycle?.finished_at, settings]);
}

/** This instance's last full pass: only an optimisation, the database decides everything else. */
export type PassMemory = { mark: string | null; at: number };

/** One step: holds (or takes) the lease and runs a pass; null when another instance holds it. */
export async function matchIfHolder(
  deps: MatcherDeps,
  memory: PassMemory = { mark: null, at: 0 },
): Promise<Awaited<ReturnType<typeof matchPass>> | null> {
  if (!(await holdLease(deps.db, MATCHER_JOB, deps.owner, LEASE_MS, deps.now?.()))) return null;
  // Renewed while a long pass (a large queue after an import) goes on.
  const heartbeat = setInterval(() => {
    holdLease(deps.db, MATCHER_JOB, deps.owner, LEASE_MS).catch(() => {});
  }, LEASE_MS / 3);
  try {
    const mark = await changeMark(deps.db);
    const at = (deps.now?.() ?? new Date()).getTime();
    const isQuick = mark === memory.mark && at - memory.at < FULL_PASS_MS;
    const result = await matchPass(deps, { isQuick });
    if (!isQuick) Object.assign(memory, { mark, at });
    return result;
  } finally {
    clearInterval(heartbeat);
  }
}

export function startMatcher(deps: MatcherDeps, tickMs = MATCHER_TICK_MS): { stop: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let isStopped = false;
  const memory: PassMemory = { mark: null, at: 0 };
  const step = () => {
    running = matchIfHolder(deps, memory)
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
