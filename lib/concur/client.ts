import type { Logger } from 'pino';
import { z } from 'zod';
import type { Env } from '@/lib/env';
import { ConcurError } from './errors';
import { concurRequest } from './http';
import type { ConnectionRequestPage, ConnectionRequestStatus } from './model';
import { toConnectionRequestPage } from './wire/v3-2';

export const MAX_PAGE_SIZE = 10;

export type ListOptions = {
  status?: ConnectionRequestStatus;
  /** Opaque: pass back what a previous page's `next.offset` said. */
  offset?: string;
  limit?: number;
};

export type ConcurClient = {
  listConnectionRequests(options?: ListOptions): Promise<ConnectionRequestPage>;
  /** True when Concur's host answers HTTP at all, without asking it for data. */
  ping(): Promise<{ isReachable: boolean; ms: number }>;
};

export function createConcurClient(
  config: Env['concur'],
  deps: { logger: Logger; fetch?: typeof fetch },
): ConcurClient {
  const http = { baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, fetch: deps.fetch, logger: deps.logger };
  const collectionPath = `api/v${config.apiVersion}/common/connectionrequests/`;

  function parseBody<T>(parse: (body: unknown) => T, body: unknown, correlationId: string | null): T {
    try {
      return parse(body);
    } catch (cause) {
      if (!(cause instanceof z.ZodError)) throw cause;
      throw new ConcurError({
        kind: 'malformed',
        message: 'Concur sent a connection request list we could not read',
        correlationId,
        cause,
      });
    }
  }

  return {
    async listConnectionRequests(options = {}) {
      const limit = options.limit ?? 5;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new RangeError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
      }
      const response = await concurRequest(http, {
        method: 'GET',
        path: collectionPath,
        query: { status: options.status, offset: options.offset, limit: String(limit) },
      });
      return parseBody(toConnectionRequestPage, response.body, response.correlationId);
    },

    async ping() {
      const started = performance.now();
      try {
        await (deps.fetch ?? fetch)(config.baseUrl, {
          method: 'HEAD',
          redirect: 'manual',
          signal: AbortSignal.timeout(Math.min(config.timeoutMs, 5000)),
        });
        return { isReachable: true, ms: Math.round(performance.now() - started) };
      } catch {
        return { isReachable: false, ms: Math.round(performance.now() - started) };
      }
    },
  };
}
