import 'server-only';
import { log } from '@/lib/log';
import type { ConcurError } from './errors';

/**
 * What a staff member can do about a failed Concur call. The cause stays in the server log
 * under Concur's correlation id, which the screen shows as the reference to quote.
 * `retriesItself`: the screen asks again on its own (the list), so waiting is enough.
 */
export function userMessage(error: ConcurError, { retriesItself = false } = {}): string {
  switch (error.kind) {
    case 'unreachable':
      return retriesItself
        ? 'Could not reach Concur. The list will try again by itself; if this persists, check the Concur status page or the server configuration.'
        : 'Could not reach Concur. Try again in a minute; if this persists, check the Concur status page or the server configuration.';
    case 'malformed':
      return 'Concur sent an answer we could not read. Try again in a minute; if it persists, tell your administrator.';
    default:
      return error.status === 401 || error.status === 403
        ? 'Concur refused our credentials. An administrator needs to check the Concur app settings.'
        : 'Concur answered with an error. Try again in a minute; if it persists, tell your administrator.';
  }
}

/** One warning per failed Concur call, without personal data: ConcurError carries none. */
export function logConcurFailure(event: string, error: ConcurError, summary: string): void {
  log.warn(
    { event, kind: error.kind, status: error.status, correlationId: error.correlationId, err: error.message },
    summary,
  );
}
