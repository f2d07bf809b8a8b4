import 'server-only';
import { ConcurError, getConcurClient } from '@/lib/concur';
import { userMessage } from '@/lib/concur/user-messages';
import { getDb } from '@/lib/db';
import { log } from '@/lib/log';
import { fullMatchesFor } from '@/lib/members/candidates';
import { requestActivity } from './activity';
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

/** One page of connection requests of one status from Concur, masked for the browser. */
export async function fetchRequests(input: RequestListInput, viewerId: string): Promise<RequestListResult> {
  try {
    const page = await getConcurClient().listConnectionRequests({
      // Pending is Concur's default and the only status its current docs list: not sent.
      status: input.status === 'Pending' ? undefined : input.status,
      offset: input.offset,
      limit: input.limit,
    });
    const [activity, fullMatches] = await Promise.all([
      requestActivity(
        await getDb(),
        page.items.map((item) => item.id),
        viewerId,
      ),
      // Only Pending requests can be connected in bulk.
      input.status === 'Pending' ? fullMatchesFor(page.items).catch(noFullMatches) : new Map<string, string>(),
    ]);
    return {
      ok: true,
      rows: page.items.map((item) => toRequestRow(item, activity.get(item.id), fullMatches.get(item.id) ?? null)),
      offset: input.offset ?? null,
      limit: input.limit,
      nextOffset: page.next?.offset ?? null,
      fetchedAt: new Date().toISOString(),
    };
  } catch (error) {
    if (!(error instanceof ConcurError)) throw error;
    log.warn(
      {
        event: 'requests.list.failed',
        kind: error.kind,
        status: error.status,
        correlationId: error.correlationId,
        err: error.message,
      },
      'listing connection requests failed',
    );
    return { ok: false, message: userMessage(error, { retriesItself: true }), correlationId: error.correlationId };
  }
}
