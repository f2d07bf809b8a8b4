import type { Logger } from 'pino';
import { z } from 'zod';
import type { Env } from '@/lib/env';
import { type AppToken, createTokenSource } from './auth';
import { ConcurError } from './errors';
import { type ConcurCall, type ConcurResponse, sendOnce } from './http';
import {
  type ConcurOutcomeCode,
  type ConnectionRequest,
  type ConnectionRequestPage,
  type CreatedConnectionRequest,
  isAwaitingOutcome,
  requestIdSchema,
  statusAfterOutcome,
} from './model';
import { defaultRetryPolicy, type RetryPolicy, withRetries } from './retry';
import { createTravellerCalls, type TravellerCalls } from './traveller';
import { wireVersions } from './wire';

export const MAX_PAGE_SIZE = 10;

/**
 * A page of Concur's Pending queue. No status filter: the current v3.2 reference has none and
 * says status "is always Pending" when you GET; what left the queue comes from our own records.
 */
export type ListOptions = {
  /** Opaque: pass back what a previous page's `next.offset` said. */
  offset?: string;
  limit?: number;
};

/** How an outcome was confirmed: Concur's 204, or reading the request back after a lost answer. */
export type UpdateResult = { confirmedBy: 'response' | 'read-back' };

export type ConcurClient = {
  listConnectionRequests(options?: ListOptions): Promise<ConnectionRequestPage>;
  /**
   * Null when Concur has no such request. Concur documents this call as "useful for testing
   * purposes only": production code calls it only where CONCUR_GET_BY_ID allows it.
   */
  getConnectionRequest(id: string): Promise<ConnectionRequest | null>;
  /** Certification only: asks Concur to queue a request for the user with this login. */
  createConnectionRequest(loginId: string): Promise<CreatedConnectionRequest>;
  /** Sends an outcome code. Never sends it twice where the first may have been applied. */
  updateConnectionRequest(id: string, code: ConcurOutcomeCode): Promise<UpdateResult>;
  /** True when Concur's host answers HTTP at all, without asking it for data. */
  ping(): Promise<{ isReachable: boolean; ms: number }>;
} & TravellerCalls;

export type ConcurClientDeps = {
  logger: Logger;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  now?: () => number;
};

function refusedId(): ConcurError {
  return new ConcurError({
    kind: 'config',
    message: 'Refused to call Concur: that is not a connection request id',
    isCertainlyNotApplied: true,
  });
}

/**
 * The URL of one request in the collection, built from an encoded id and checked after the URL
 * parser has done its work: it must still sit directly under the collection. An id of `.` or
 * `..`, which encoding leaves alone, would otherwise name the collection or walk up to
 * `/common/` with our token.
 */
export function connectionRequestUrl(collection: URL, id: string): URL {
  const url = new URL(encodeURIComponent(id), collection);
  const rest = url.pathname.startsWith(collection.pathname) ? url.pathname.slice(collection.pathname.length) : '';
  if (url.origin !== collection.origin || rest === '' || rest.includes('/') || url.search !== '' || url.hash !== '')
    throw refusedId();
  return url;
}

/** A 401, or a 403 saying the token expired or was revoked: get a new token and try once more. */
function isStaleToken(error: unknown): boolean {
  if (!(error instanceof ConcurError) || error.kind !== 'http') return false;
  return error.status === 401 || (error.status === 403 && /expired|revoked/i.test(error.concurMessage ?? ''));
}

/** An answer lost after sending: the PUT may or may not have been applied. */
export function isOutcomeUnknown(error: unknown): error is ConcurError {
  return (
    error instanceof ConcurError &&
    !error.isCertainlyNotApplied &&
    (error.kind === 'unreachable' || [500, 502, 504].includes(error.status ?? 0))
  );
}

export function createConcurClient(config: Env['concur'], deps: ConcurClientDeps): ConcurClient {
  const http = { timeoutMs: config.timeoutMs, fetch: deps.fetch, logger: deps.logger };
  const tokens = createTokenSource(config, { ...http, now: deps.now });
  const wire = wireVersions[config.apiVersion];
  const policy = deps.retry ?? defaultRetryPolicy;
  const collectionPath = `/api/v${config.apiVersion}/common/connectionrequests/`;

  /** One authorised call, to the collection or to the request `id` in it; a stale token is replaced once. */
  async function authorised(
    call: Omit<ConcurCall, 'url' | 'headers'> & { id?: string; query?: Record<string, string | undefined> },
    attempt: number,
  ): Promise<ConcurResponse> {
    const send = (token: AppToken) => {
      const collection = new URL(collectionPath, token.apiBaseUrl);
      const url = call.id === undefined ? collection : connectionRequestUrl(collection, call.id);
      for (const [key, value] of Object.entries(call.query ?? {}))
        if (value !== undefined) url.searchParams.set(key, value);
      return sendOnce(http, { ...call, url, attempt, headers: { Authorization: `Bearer ${token.accessToken}` } });
    };
    const token = await tokens.get();
    try {
      return await send(token);
    } catch (error) {
      if (!isStaleToken(error)) throw error;
      tokens.invalidate(token);
      return send(await tokens.get());
    }
  }

  /** Reads are safe to repeat: retried on every transient failure. */
  const read = (call: Parameters<typeof authorised>[0]) =>
    withRetries(
      policy,
      (error) => error.isTransient,
      (attempt) => authorised(call, attempt),
    );

  /** Writes are repeated only when Concur certainly did not act on them. */
  const write = (call: Parameters<typeof authorised>[0]) =>
    withRetries(
      policy,
      (error) => error.isTransient && error.isCertainlyNotApplied,
      (attempt) => authorised(call, attempt),
    );

  function parse<T>(schema: z.ZodType<T>, response: ConcurResponse, what: string): T {
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    throw new ConcurError({
      kind: 'malformed',
      message: `Concur sent ${what} we could not read`,
      correlationId: response.correlationId,
      cause: parsed.error,
    });
  }

  /** Refused before any token is asked for: an id that is not one never reaches Concur. */
  function checkedId(id: string): string {
    if (!requestIdSchema.safeParse(id).success) throw refusedId();
    return id;
  }

  async function getConnectionRequest(id: string): Promise<ConnectionRequest | null> {
    try {
      return parse(wire.item, await read({ method: 'GET', id: checkedId(id) }), 'a connection request');
    } catch (error) {
      if (error instanceof ConcurError && error.status === 404) return null;
      throw error;
    }
  }

  return {
    ...createTravellerCalls(config, { http, retry: policy, now: deps.now ?? Date.now }),

    async listConnectionRequests(options = {}) {
      const limit = options.limit ?? 5;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new RangeError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
      }
      const response = await read({
        method: 'GET',
        query: { offset: options.offset, limit: String(limit) },
      });
      return parse(wire.list, response, 'a connection request list');
    },

    getConnectionRequest,

    async createConnectionRequest(loginId) {
      const login = z.string().trim().min(1).max(320).parse(loginId);
      const response = await write({ method: 'POST', query: { user: login } });
      return parse(wire.created, response, 'a create answer');
    },

    async updateConnectionRequest(id, code) {
      const call = { method: 'PUT' as const, id: checkedId(id), body: wire.putBody(code) };
      try {
        await write(call);
        return { confirmedBy: 'response' };
      } catch (error) {
        // The answer was lost. Without GET by id the caller finds out from the queue (a PUT
        // pops the request from it); see lib/decisions/deliver.ts.
        if (!isOutcomeUnknown(error) || !config.isGetByIdAllowed) throw error;
        // Read the request back: if the outcome shows, it was applied;
        // if it still awaits one, it was not, and sending it again cannot double it.
        const current = await getConnectionRequest(id).catch(() => {
          // Still unknown whether it was applied: report the original failure, send nothing more.
          throw error;
        });
        if (current?.status === statusAfterOutcome[code]) return { confirmedBy: 'read-back' };
        if (!current || !isAwaitingOutcome(current.status)) throw error;
        await write(call);
        return { confirmedBy: 'response' };
      }
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
