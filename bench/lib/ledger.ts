import { createDb, type Db } from '@/lib/db';
import { parseEnv } from '@/lib/env';
import { requestRun } from '@/lib/jobs/lease';
import { POLLER_JOB } from '@/lib/ledger/poller';

/**
 * The dashboard's ledger, reached through the stack's own database file (as e2e/support does):
 * its list and detail pages read the ledger, never Concur, so what a section makes or picks in
 * the sandbox must be there first. The bench's dashboard polls only when asked (see stackEnv),
 * so no scheduled walk runs while a section measures; a section asks for a poll here, as
 * Refresh does, and waits for it.
 */

export type Poll = { seconds: number; pages: number; requests: number; queued: number };

const CHECK_MS = 250;
const PROGRESS_MS = 30_000;

async function withStackDb<T>(env: NodeJS.ProcessEnv, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(parseEnv(env).database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function countQueued(db: Db, seenSince?: string): Promise<number> {
  let query = db
    .selectFrom('ledger_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('left_at', 'is', null);
  if (seenSince) query = query.where('last_seen_at', '>=', seenSince);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Asks the dashboard's poller for a poll now and waits until one that began after the ask has
 * walked the whole queue cleanly; `progress` hears how far a long walk is.
 */
export function pollNow(
  env: NodeJS.ProcessEnv,
  options: { timeoutMs: number; progress?: (message: string) => void },
): Promise<Poll> {
  return withStackDb(env, async (db) => {
    const asked = new Date();
    const askedAt = asked.toISOString();
    await requestRun(db, POLLER_JOB, asked);
    const deadline = Date.now() + options.timeoutMs;
    let reportedAt = Date.now();
    for (;;) {
      const cycle = await db
        .selectFrom('poll_cycle')
        .selectAll()
        .where('started_at', '>=', askedAt)
        .orderBy('started_at')
        .limit(1)
        .executeTakeFirst();
      if (cycle && cycle.walk !== 'running') {
        if (cycle.walk !== 'clean') {
          throw new Error(
            `the poll asked for at ${askedAt} ended ${cycle.walk}: ${cycle.error ?? 'no error recorded'}`,
          );
        }
        const seconds = (cycle.duration_ms ?? 0) / 1000;
        return { seconds, pages: cycle.pages, requests: cycle.requests, queued: await countQueued(db) };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no poll asked for at ${askedAt} finished within ${options.timeoutMs / 1000} s: see data/bench/stack.log`,
        );
      }
      if (cycle && options.progress && Date.now() - reportedAt >= PROGRESS_MS) {
        reportedAt = Date.now();
        const seen = await countQueued(db, cycle.started_at);
        options.progress(`polling: ${seen.toLocaleString('en')} Pending requests recorded in the ledger so far`);
      }
      await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
    }
  });
}

/** A poll as above, then every one of `ids` in the ledger's Pending queue, or an error naming those that are not. */
export async function pollFor(env: NodeJS.ProcessEnv, ids: readonly string[], timeoutMs = 60_000): Promise<Poll> {
  const poll = await pollNow(env, { timeoutMs });
  if (ids.length === 0) return poll;
  const queued = await withStackDb(env, (db) =>
    db
      .selectFrom('ledger_request')
      .select('request_id')
      .where('left_at', 'is', null)
      .where('request_id', 'in', [...ids])
      .execute(),
  );
  const missing = ids.filter((id) => !queued.some((row) => row.request_id === id));
  if (missing.length > 0)
    throw new Error(`after a clean poll, not in the ledger's Pending queue: ${missing.join(', ')}`);
  return poll;
}
