/**
 * How many Concur API calls reached a route handler since the last reset or clear, so a test or
 * the bench can see what a client asked (a status filter, a GET by id) rather than infer it.
 * For the GETs it also sums the sandbox's own handling time, to set a client's poll against.
 * Held in memory, like faults.
 */

export type CallKind = 'list' | 'getById' | 'put' | 'post' | 'token';

export type CallCounts = {
  list: { count: number; withStatus: number; ms: number };
  getById: { count: number; ms: number };
  put: { count: number };
  post: { count: number };
  token: { count: number };
};

const empty = (): CallCounts => ({
  list: { count: 0, withStatus: 0, ms: 0 },
  getById: { count: 0, ms: 0 },
  put: { count: 0 },
  post: { count: 0 },
  token: { count: 0 },
});

/** Microseconds are plenty, and spare the answer floating-point noise. */
const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

export type CallLog = ReturnType<typeof createCallLog>;

export function createCallLog() {
  let counts = empty();
  return {
    /** One call; `ms` counts for the GETs only, `hasStatus` for the list only. */
    record(kind: CallKind, detail: { ms?: number; hasStatus?: boolean } = {}): void {
      counts[kind].count += 1;
      if (kind === 'list' && detail.hasStatus) counts.list.withStatus += 1;
      if (kind === 'list' || kind === 'getById') counts[kind].ms += detail.ms ?? 0;
    },

    snapshot(): CallCounts {
      return {
        list: { ...counts.list, ms: roundMs(counts.list.ms) },
        getById: { ...counts.getById, ms: roundMs(counts.getById.ms) },
        put: { ...counts.put },
        post: { ...counts.post },
        token: { ...counts.token },
      };
    },

    clear(): void {
      counts = empty();
    },
  };
}
