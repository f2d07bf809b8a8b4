import { ConcurError } from './errors';

export type RetryPolicy = {
  /** Further attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller hears about it instead. */
  maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30_000,
};

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full jitter: a random pause up to an exponentially growing cap, so many clients do not retry in step. */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, `shouldRetry` says no, or the policy's retries are spent. */
export async function withRetries<T>(
  policy: RetryPolicy,
  shouldRetry: (error: ConcurError) => boolean,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  for (let n = 0; ; n += 1) {
    try {
      return await attempt(n + 1);
    } catch (error) {
      if (!(error instanceof ConcurError) || n >= policy.retries || !shouldRetry(error)) throw error;
      if (error.retryAfterMs !== null && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      await sleep(Math.max(error.retryAfterMs ?? 0, backoffMs(policy, n)));
    }
  }
}
