import type { Db } from '@/lib/db';
import { deliverDecision } from '@/lib/decisions/deliver';
import { getLedgerEntry } from '@/lib/ledger/store';
import { promoteDue } from '@/lib/matcher/hold';
import type { MatcherDeps } from '@/lib/matcher/pass';
import { sampleInTurns } from './lib/sampling';
import { since, summarize } from './lib/stats';

/**
 * 9b's sending, on a batch of the decisions a pass held: each promoted and delivered as the
 * matcher's own pass sends them (exchange, vault, PUT, the decision's bookkeeping), in turns
 * with the bare Concur calls it makes (exchange and PUT straight to the sandbox) for as many
 * other held requests. A send that fails is timed and counted all the same: the matcher's
 * sending includes its failures.
 */

export const SEND_BATCH = 200;
const WARMUP = 5;

/** The requests of held decisions, newest hold first: the far end from the ones promoted oldest first. */
async function newestHeld(db: Db, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('decision')
    .select('request_id')
    .where('send_state', '=', 'held')
    .where('outcome_code', '=', 'CRSUC')
    .orderBy('hold_until', 'desc')
    .limit(count)
    .execute();
  return rows.map((row) => row.request_id);
}

export async function measureSends(deps: MatcherDeps) {
  const total = WARMUP + SEND_BATCH;
  const bareIds = await newestHeld(deps.db, total);
  const held = Number(
    (
      await deps.db
        .selectFrom('decision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('send_state', '=', 'held')
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (bareIds.length < total || held < 2 * total) {
    throw new Error(`${held} held decisions, too few for two sending arms of ${total}`);
  }
  // Every hold is over by then: promotion takes the oldest first, the bare arm the newest.
  const afterHolds = new Date(Date.now() + 48 * 60 * 60_000);
  const lease = { owner: deps.owner, ms: deps.leaseMs };
  const states: Record<string, number> = {};
  /** Which sends failed, counted from 1 with the warm-up. */
  const failedAt: number[] = [];
  let sends = 0;
  const samples = await sampleInTurns(
    {
      matcher: async () => {
        const started = performance.now();
        const [promoted] = await promoteDue(deps.db, lease, afterHolds, 1, {
          matcher: { policy: 'auto', holdMs: null },
        });
        if (!promoted) throw new Error('no held decision left to promote');
        const outcome = await deliverDecision(deps, promoted.id, promoted.sender);
        const ms = since(started);
        sends += 1;
        states[outcome.state] = (states[outcome.state] ?? 0) + 1;
        if (outcome.state === 'failed') failedAt.push(sends);
        return ms;
      },
      bare: async () => {
        const requestId = bareIds.pop();
        const entry = requestId && (await getLedgerEntry(deps.db, deps.keyring(), requestId, { withToken: true }));
        const { userId, requestToken } = entry ? entry.request : { userId: null, requestToken: null };
        if (!requestId || !userId || !requestToken) throw new Error(`no token to exchange for ${requestId}`);
        const started = performance.now();
        await deps.concur.exchangeRequestToken({ userId, requestToken });
        await deps.concur.updateConnectionRequest(requestId, 'CRSUC');
        return since(started);
      },
    },
    { warmup: WARMUP, rounds: SEND_BATCH },
  );
  return { matcher: summarize(samples.matcher), bare: summarize(samples.bare), states, failedAt };
}
