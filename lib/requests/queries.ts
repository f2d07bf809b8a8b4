import 'server-only';
import { ConcurError, getConcurClient } from '@/lib/concur';
import { getDb } from '@/lib/db';
import { log } from '@/lib/log';
import { recentOpeners } from './activity';
import { userMessage } from './concur-errors';
import { toRequestRow } from './row';
import type { RequestListInput, RequestListResult } from './schemas';

/** One page of connection requests of one status from Concur, masked for the browser. */
export async function fetchRequests(input: RequestListInput, viewerId: string): Promise<RequestListResult> {
  try {
    const page = await getConcurClient().listConnectionRequests({
      // Pending is Concur's default and the only status its current docs list: not sent.
      status: input.status === 'Pending' ? undefined : input.status,
      offset: input.offset,
      limit: input.limit,
    });
    const openers = await recentOpeners(
      await getDb(),
      page.items.map((item) => item.id),
      viewerId,
    );
    return {
      ok: true,
      rows: page.items.map((item) => toRequestRow(item, openers.get(item.id) ?? null)),
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
