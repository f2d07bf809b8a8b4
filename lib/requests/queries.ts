import 'server-only';
import { ConcurError, getConcurClient } from '@/lib/concur';
import { log } from '@/lib/log';
import { toRequestRow } from './row';
import type { RequestListInput, RequestListResult } from './schemas';

function userMessage(error: ConcurError): string {
  switch (error.kind) {
    case 'unreachable':
      return 'Could not reach Concur. The list will try again by itself; if this persists, check the Concur status page or the server configuration.';
    case 'malformed':
      return 'Concur sent an answer we could not read. Try again in a minute; if it persists, tell your administrator.';
    default:
      return error.status === 401 || error.status === 403
        ? 'Concur refused our credentials. An administrator needs to check the Concur app settings.'
        : 'Concur answered with an error. Try again in a minute; if it persists, tell your administrator.';
  }
}

/** Pending connection requests from Concur, masked for the browser. */
export async function fetchPendingRequests(input: RequestListInput): Promise<RequestListResult> {
  try {
    const page = await getConcurClient().listConnectionRequests({ offset: input.offset, limit: input.limit });
    return {
      ok: true,
      rows: page.items.map(toRequestRow),
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
    return { ok: false, message: userMessage(error), correlationId: error.correlationId };
  }
}
