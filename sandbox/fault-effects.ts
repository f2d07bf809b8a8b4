import type http from 'node:http';
import type { Fault } from './faults';
import { concurError, writeReply } from './http';
import type { Format } from './wire/fields';

/**
 * What an injected fault does to one call before it reaches the routes. Only `slow` and
 * `reset-after-apply` let the call through (and so apply it); every other kind answers, or
 * fails to answer, in place of Concur.
 */

const HANG_MS = 120_000;

export type FaultOutcome = 'continue' | 'handled';

export async function applyFaultBefore(
  fault: Fault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  format: Format,
  nowMs: number,
): Promise<FaultOutcome> {
  switch (fault.kind) {
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return 'continue';
    case 'reset-after-apply':
      return 'continue';
    case 'reset':
      req.socket.destroy();
      return 'handled';
    case 'hang': {
      // Accept and never answer; the socket is freed eventually so a forgotten test cannot leak it forever.
      const timer = setTimeout(() => req.socket.destroy(), HANG_MS);
      timer.unref();
      req.socket.once('close', () => clearTimeout(timer));
      return 'handled';
    }
    case 'status-429':
      writeReply(res, {
        ...concurError(format, 429, 'Rate limit reached. Slow the rate of requests.', nowMs),
        headers: { 'Retry-After': String(fault.retryAfterSeconds) },
      });
      return 'handled';
    case 'status-500':
      writeReply(res, concurError(format, 500, 'An internal error occurred.', nowMs));
      return 'handled';
    case 'status-503':
      writeReply(res, concurError(format, 503, 'Service unavailable or down for maintenance.', nowMs));
      return 'handled';
    case 'malformed-json':
      writeReply(res, {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: '{"Items":[{"firstName":"Jo',
      });
      return 'handled';
    case 'wrong-content-type':
      writeReply(res, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>',
      });
      return 'handled';
  }
}
