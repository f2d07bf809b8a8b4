import 'server-only';
import { loadKeyring } from '@/lib/connections/keyring';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { pollStatus } from '@/lib/ledger/status';
import { type LedgerRow, queuePage, toEntry } from '@/lib/ledger/store';
import { log } from '@/lib/log';
import { fullMatchesFor } from '@/lib/members/candidates';
import { requestActivity } from './activity';
import { matcherSummaries } from './matcher';
import type { MatcherSummary } from './matcher-summary';
import { recordedPage } from './recorded';
import { toRequestRow } from './row';
import type { RequestListInput, RequestListResult } from './schemas';

/** The list still works when the member directory does not: it offers no bulk connect. */
function noFullMatches(error: unknown): Map<string, string> {
  log.error(
    { event: 'members.full-matches.failed', errorName: error instanceof Error ? error.name : typeof error },
    'looking up full matches for the list failed',
  );
  return new Map();
}

/** Matching needs the request's own values: the page's rows are opened on the server only. */
async function fullMatchesOn(rows: LedgerRow[]): Promise<Map<string, string>> {
  const keyring = loadKeyring(getEnv());
  return fullMatchesFor(rows.map((row) => toEntry(keyring, row).request));
}

/**
 * One page of connection requests of one status, masked for the browser, from our ledger of
 * Concur's queue and our own records; Concur itself is never asked here (the poller does).
 */
export async function fetchRequests(input: RequestListInput, viewerId: string): Promise<RequestListResult> {
  const db = await getDb();
  const offset = Number(input.offset ?? 0);
  const { status, limit } = input;
  const isPending = status === 'Pending';
  const [page, poll] = await Promise.all([
    status === 'Pending' ? queuePage(db, { offset, limit }) : recordedPage(db, status, { offset, limit }),
    pollStatus(db),
  ]);
  const ids = page.rows.map((row) => row.request_id);
  // Only Pending requests can be connected in bulk, or be the matcher's to decide.
  const [activity, fullMatches, matcher] = await Promise.all([
    requestActivity(db, ids, viewerId),
    isPending ? fullMatchesOn(page.rows).catch(noFullMatches) : new Map<string, string>(),
    isPending ? matcherSummaries(db, ids) : new Map<string, MatcherSummary>(),
  ]);
  return {
    ok: true,
    rows: page.rows.map((row) =>
      toRequestRow(row, isPending ? row.reported_status : status, {
        activity: activity.get(row.request_id),
        fullMatchMemberId: fullMatches.get(row.request_id),
        matcher: matcher.get(row.request_id),
      }),
    ),
    offset: input.offset ?? null,
    limit,
    nextOffset: page.hasMore ? String(offset + limit) : null,
    total: page.total,
    poll,
  };
}
