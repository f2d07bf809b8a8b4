import { AUTO_MATCH_ACTOR } from '@/lib/audit/describe';
import { type Db, isPostgres } from '@/lib/db';
import { MATCHER_PAUSE_KEY } from '@/lib/settings/store';
import { type DeliverDeps, deliverDecision, newSender } from './deliver';
import { takeLease } from './sending';

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
        // While Auto-match is paused, its own decisions wait too, resends included.
        eb.or([
          eb('decided_by', '!=', AUTO_MATCH_ACTOR),
          eb.not(eb.exists(eb.selectFrom('app_setting').select('key').where('key', '=', MATCHER_PAUSE_KEY))),
        ]),
      ]),
    )
    .orderBy('decided_at')
    .limit(BATCH);
}

type Claim = { id: string; sender: string };

/** Leases up to a batch of due decisions, each to a delivery of its own. */
async function claimDue(deps: DeliverDeps, now: Date): Promise<Claim[]> {
  const claimOf = (id: string): Claim => ({ id, sender: newSender(deps.owner) });
  if (!isPostgres(deps.db)) {
    const claims = (await dueQuery(deps.db, now).execute()).map((row) => claimOf(row.id));
    const claimed: Claim[] = [];
    for (const claim of claims) {
      if (await takeLease(deps.db, claim.id, { owner: claim.sender, ms: deps.leaseMs }, now)) claimed.push(claim);
    }
    return claimed;
  }
  // Rows another instance is claiming right now are skipped rather than waited for.
  return deps.db.transaction().execute(async (trx) => {
    const claims = (await dueQuery(trx, now).forUpdate().skipLocked().execute()).map((row) => claimOf(row.id));
    for (const claim of claims) await takeLease(trx, claim.id, { owner: claim.sender, ms: deps.leaseMs }, now);
    return claims;
  });
}

/**
 * One pass: delivers every decision due now. Returns how many were attempted. One whose lease
 * ran out while the batch's earlier ones were sent may have gone to another sender meanwhile:
 * its delivery here is then `busy`, and sends nothing.
 */
export async function runOutboxOnce(deps: DeliverDeps): Promise<number> {
  const claims = await claimDue(deps, deps.now?.() ?? new Date());
  for (const claim of claims) await deliverDecision(deps, claim.id, claim.sender);
  return claims.length;
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
