import { type Db, isPostgres } from '@/lib/db';
import { type DeliverDeps, deliverDecision } from './deliver';
import { takeLease } from './store';

/**
 * The resend worker: finds decisions that are due (a failed send whose backoff ran out, or one
 * left `sending` by a sender whose lease expired, such as a process that crashed) and delivers
 * them. Several instances can run it against one PostgreSQL database: each claims rows with
 * FOR UPDATE SKIP LOCKED and leases them in the same transaction; on SQLite the lease's
 * compare-and-set decides.
 */

const BATCH = 10;

function dueQuery(db: Db, now: Date) {
  const at = now.toISOString();
  return db
    .selectFrom('decision')
    .select('id')
    .where((eb) =>
      eb.and([
        eb.or([
          eb('send_state', '=', 'sending'),
          eb.and([eb('send_state', '=', 'failed'), eb('next_attempt_at', '<=', at)]),
        ]),
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('decided_at')
    .limit(BATCH);
}

/** Leases up to a batch of due decisions to this sender. */
async function claimDue(deps: DeliverDeps, now: Date): Promise<string[]> {
  const lease = { owner: deps.owner, ms: deps.leaseMs };
  if (!isPostgres(deps.db)) {
    const ids = (await dueQuery(deps.db, now).execute()).map((row) => row.id);
    const claimed: string[] = [];
    for (const id of ids) if (await takeLease(deps.db, id, lease, now)) claimed.push(id);
    return claimed;
  }
  // Rows another instance is claiming right now are skipped rather than waited for.
  return deps.db.transaction().execute(async (trx) => {
    const ids = (await dueQuery(trx, now).forUpdate().skipLocked().execute()).map((row) => row.id);
    for (const id of ids) await takeLease(trx, id, lease, now);
    return ids;
  });
}

/** One pass: delivers every decision due now. Returns how many were attempted. */
export async function runOutboxOnce(deps: DeliverDeps): Promise<number> {
  const ids = await claimDue(deps, deps.now?.() ?? new Date());
  for (const id of ids) await deliverDecision(deps, id);
  return ids.length;
}

/** Runs passes every `intervalMs` until stopped; a failing pass is logged and the next one goes on. */
export function startOutbox(deps: DeliverDeps, intervalMs: number): { stop: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let isStopped = false;
  const pass = () => {
    running = runOutboxOnce(deps)
      .catch((error: unknown) =>
        deps.logger.error(
          { event: 'decision.outbox.failed', err: error instanceof Error ? error.message : String(error) },
          'an outbox pass failed',
        ),
      )
      .finally(() => {
        if (!isStopped) timer = setTimeout(pass, intervalMs);
      });
  };
  pass();
  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
