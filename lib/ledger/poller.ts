import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { type ConcurClient, ConcurError } from '@/lib/concur';
import type { ConnectionRequest } from '@/lib/concur/model';
import type { Keyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import type { PollTrigger, PollWalk } from '@/lib/db/types';
import { markGone, recordSeen } from './record';

/**
 * The poller walks Concur's Pending queue page by page, as the polling loop in Concur's docs
 * does, and records every request in the ledger. A PUT pops a request from the queue (Scenario
 * 2 in Concur's paging text), so while our own sends pop requests the walk's offset is moved
 * back by as many; each page after the first starts one request early, and that overlap must
 * be the request the walk expects there. When it is not, the queue moved under the walk in a
 * way we cannot account for: the walk still records what it saw, but its absences prove
 * nothing, and only a clean walk marks requests as gone.
 */

export const POLLER_JOB = 'concur-poller';
const PAGE_SIZE = 10;
/** A queue longer than this many pages is not walked further in one cycle. */
const MAX_PAGES = 20_000;
/** Poll cycles are kept this long: a month of history for the lead's charts, then pruned. */
const CYCLE_RETENTION_MS = 35 * 24 * 60 * 60_000;
/** Concur: after a timeout "wait for 5 minutes then retry"; after a 503 "sleep for 5 minutes". */
export const CONCUR_PAUSE_MS = 5 * 60_000;

export type PollerDeps = {
  db: Db;
  concur: Pick<ConcurClient, 'listConnectionRequests'>;
  keyring: () => Keyring;
  logger: Logger;
  /** Identifies this instance in the lease and the cycle records. */
  owner: string;
  now?: () => Date;
};

export type PollResult = {
  cycleId: string;
  walk: Exclude<PollWalk, 'running'>;
  pages: number;
  requests: number;
  added: number;
  returned: number;
  gone: number;
  durationMs: number;
  error: ConcurError | Error | null;
  /** How long Concur asked us to wait before the next poll, when it did. */
  pauseMs: number | null;
};

/** How long to wait after a failed poll, as Concur asks: 5 minutes after a timeout or a 503, Retry-After on a 429. */
export function pauseAfter(error: unknown): number | null {
  if (!(error instanceof ConcurError)) return null;
  if (error.status === 429) return error.retryAfterMs ?? null;
  if (error.status === 503 || error.kind === 'unreachable') return CONCUR_PAUSE_MS;
  return null;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof ConcurError)) return 'The poll failed unexpectedly; the server log has the details.';
  if (error.status === 429) return 'Concur asked us to slow down (HTTP 429).';
  if (error.status === 503) return 'Concur is unavailable (HTTP 503).';
  if (error.kind === 'unreachable') return 'Concur did not answer in time.';
  if (error.kind === 'malformed') return 'Concur sent an answer we could not read.';
  if (error.status === 401 || error.status === 403) return `Concur refused our credentials (HTTP ${error.status}).`;
  return `Concur refused the poll (${error.status ? `HTTP ${error.status}` : error.kind}).`;
}

/** Requests of this walk that a PUT of ours popped after `after`. */
async function poppedSince(db: Db, walkStartedAt: string, seen: ReadonlySet<string>, after: string) {
  const rows = await db
    .selectFrom('ledger_request')
    .select(['request_id', 'left_at'])
    .where('left_reason', '=', 'sent')
    .where('left_at', '>=', walkStartedAt)
    .execute();
  return new Set(
    rows.filter((row) => seen.has(row.request_id) && (row.left_at ?? '') > after).map((r) => r.request_id),
  );
}

type Walk = { pages: number; requests: number; added: number; returned: number; isShifted: boolean };

async function walkQueue(deps: PollerDeps, startedAt: string, walk: Walk): Promise<void> {
  const now = () => deps.now?.() ?? new Date();
  const seen = new Set<string>();
  let offset: number | string = 0;
  /** The request the next page must start with, when the walk can tell. */
  let expected: string | null = null;
  for (;;) {
    const fetchedAt = now().toISOString();
    const page = await deps.concur.listConnectionRequests({
      offset: offset === 0 ? undefined : String(offset),
      limit: PAGE_SIZE,
    });
    walk.pages += 1;
    const [first] = page.items;
    if (expected !== null && first?.id !== expected && (!first || !seen.has(first.id))) walk.isShifted = true;
    const fresh = page.items.filter((item) => !seen.has(item.id));
    for (const item of fresh) seen.add(item.id);
    const recorded = await recordSeen(deps.db, deps.keyring(), {
      items: fresh,
      fetchedAt,
      firstPosition: walk.requests,
    });
    walk.requests += fresh.length;
    walk.added += recorded.added.length;
    walk.returned += recorded.returned.length;
    if (!page.next) return;
    if (walk.pages >= MAX_PAGES) {
      walk.isShifted = true;
      return;
    }
    if (typeof offset === 'string' || !/^\d+$/.test(page.next.offset)) {
      // An offset that is not a position (an older era's opaque string): follow it as given.
      offset = page.next.offset;
      expected = null;
      walk.isShifted = true;
      continue;
    }
    const next = await nextStart(deps.db, startedAt, seen, fetchedAt, offset, page.items);
    ({ offset, expected } = next);
    if (next.isUnchecked) walk.isShifted = true;
  }
}

/**
 * Where the next page starts: on the last request of this page that is still queued (the
 * overlap), its position moved back by the requests our PUTs popped ahead of it since this
 * page was read.
 */
async function nextStart(
  db: Db,
  startedAt: string,
  seen: ReadonlySet<string>,
  fetchedAt: string,
  offset: number,
  items: ConnectionRequest[],
): Promise<{ offset: number; expected: string | null; isUnchecked?: boolean }> {
  const popped = await poppedSince(db, startedAt, seen, fetchedAt);
  const onThisPage = new Set(items.map((item) => item.id));
  const poppedBefore = [...popped].filter((id) => !onThisPage.has(id)).length;
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const anchor = items[index];
    if (!anchor || popped.has(anchor.id)) continue;
    const poppedOnPage = items.slice(0, index).filter((item) => popped.has(item.id)).length;
    return { offset: Math.max(0, offset + index - poppedBefore - poppedOnPage), expected: anchor.id };
  }
  // Every request on the page was popped: with no request left to overlap on, the next page
  // cannot be checked. From the head nothing can be skipped; from anywhere else it can.
  return { offset: Math.max(0, offset - poppedBefore), expected: null, isUnchecked: offset - poppedBefore > 0 };
}

/** One poll cycle: the whole queue walked and recorded, the cycle and its outcome kept. */
export async function pollOnce(deps: PollerDeps, trigger: PollTrigger = 'schedule'): Promise<PollResult> {
  const started = deps.now?.() ?? new Date();
  const startedAt = started.toISOString();
  const clock = performance.now();
  const cycleId = randomUUID();
  await deps.db
    .insertInto('poll_cycle')
    .values({ id: cycleId, owner: deps.owner, trigger, started_at: startedAt, walk: 'running' })
    .execute();
  const walk: Walk = { pages: 0, requests: 0, added: 0, returned: 0, isShifted: false };
  let error: unknown = null;
  let gone: string[] = [];
  try {
    await walkQueue(deps, startedAt, walk);
    if (!walk.isShifted) gone = await markGone(deps.db, startedAt);
  } catch (caught) {
    error = caught;
  }
  const durationMs = Math.round(performance.now() - clock);
  const outcome: PollResult['walk'] = error ? 'failed' : walk.isShifted ? 'shifted' : 'clean';
  const concurError = error instanceof ConcurError ? error : null;
  await deps.db
    .updateTable('poll_cycle')
    .set({
      finished_at: (deps.now?.() ?? new Date()).toISOString(),
      walk: outcome,
      pages: walk.pages,
      requests: walk.requests,
      new_count: walk.added,
      returned_count: walk.returned,
      gone_count: gone.length,
      duration_ms: durationMs,
      error: error ? describeFailure(error) : null,
      correlation_id: concurError?.correlationId ?? null,
    })
    .where('id', '=', cycleId)
    .execute();
  await deps.db
    .deleteFrom('poll_cycle')
    .where('started_at', '<', new Date(started.getTime() - CYCLE_RETENTION_MS).toISOString())
    .execute();
  const pauseMs = error ? pauseAfter(error) : null;
  const counts = {
    pages: walk.pages,
    requests: walk.requests,
    added: walk.added,
    returned: walk.returned,
    gone: gone.length,
  };
  if (error) {
    deps.logger.warn(
      {
        event: 'ledger.poll.failed',
        cycleId,
        kind: concurError?.kind,
        status: concurError?.status,
        correlationId: concurError?.correlationId,
        ...counts,
        pauseMs,
        err: error instanceof Error ? error.message : String(error),
      },
      'polling Concur failed',
    );
  } else {
    deps.logger.info(
      { event: 'ledger.poll.finished', cycleId, walk: outcome, ...counts, ms: durationMs },
      'polled Concur',
    );
  }
  return {
    cycleId,
    walk: outcome,
    ...counts,
    durationMs,
    error: error instanceof Error ? error : error ? new Error(String(error)) : null,
    pauseMs,
  };
}
