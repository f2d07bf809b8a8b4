import { describe, expect, it } from 'vitest';
import { ConcurError } from './errors';
import { backoffMs, defaultRetryPolicy, parseRetryAfter, withRetries } from './retry';

const fast = { retries: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 };
const transient = () => new ConcurError({ kind: 'http', status: 503, message: 'down' });

describe('retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', Date.parse('2026-11-27T10:00:00Z'))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('backs off with jitter under an exponentially growing cap', () => {
    expect(backoffMs(defaultRetryPolicy, 0, () => 1)).toBe(300);
    expect(backoffMs(defaultRetryPolicy, 3, () => 1)).toBe(2400);
    expect(backoffMs(defaultRetryPolicy, 10, () => 1)).toBe(5000);
    expect(backoffMs(defaultRetryPolicy, 3, () => 0)).toBe(0);
  });

  it('tries again while the failure is transient, up to the policy’s retries', async () => {
    let calls = 0;
    await expect(
      withRetries(
        fast,
        (e) => e.isTransient,
        async () => {
          calls += 1;
          throw transient();
        },
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(3);
  });

  it('stops at once on a failure it must not repeat, and on a Retry-After beyond its patience', async () => {
    let calls = 0;
    const notFound = new ConcurError({ kind: 'http', status: 404, message: 'gone' });
    await expect(
      withRetries(
        fast,
        (e) => e.isTransient,
        async () => {
          calls += 1;
          throw notFound;
        },
      ),
    ).rejects.toBe(notFound);
    const patient = new ConcurError({ kind: 'http', status: 429, message: 'slow down', retryAfterMs: 60_000 });
    await expect(
      withRetries(
        fast,
        (e) => e.isTransient,
        async () => {
          calls += 1;
          throw patient;
        },
      ),
    ).rejects.toBe(patient);
    expect(calls).toBe(2);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const result = await withRetries(
      fast,
      (e) => e.isTransient,
      async (attempt) => {
        calls += 1;
        if (attempt < 2) throw transient();
        return 'ok';
      },
    );
    expect([result, calls]).toEqual(['ok', 2]);
  });
});
