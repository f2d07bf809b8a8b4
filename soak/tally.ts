import type { SandboxCalls, SandboxControl } from '@/scripts/lib/sandbox-control';

/**
 * What the sandbox counts in memory (fault firings, the calls it was sent), summed across its
 * restart midway: read just before it is killed, and again once it is no longer needed.
 */

const noCalls = (): SandboxCalls => ({
  list: { count: 0, withStatus: 0, ms: 0 },
  getById: { count: 0, ms: 0 },
  put: { count: 0 },
  post: { count: 0 },
  token: { count: 0 },
});

function addCalls(into: SandboxCalls, more: SandboxCalls): void {
  into.list.count += more.list.count;
  into.list.withStatus += more.list.withStatus;
  into.list.ms = Math.round((into.list.ms + more.list.ms) * 1000) / 1000;
  into.getById.count += more.getById.count;
  into.getById.ms = Math.round((into.getById.ms + more.getById.ms) * 1000) / 1000;
  into.put.count += more.put.count;
  into.post.count += more.post.count;
  into.token.count += more.token.count;
}

export type SandboxTally = ReturnType<typeof sandboxTally>;

export function sandboxTally(control: SandboxControl) {
  const faultsFired: Record<string, number> = {};
  const calls = noCalls();
  return {
    faultsFired,
    calls,
    /** Adds the firings of the faults armed now: before a kill, and before they are cleared. */
    async addFaults(): Promise<void> {
      for (const fault of await control.faults()) {
        const key = `${fault.kind} ${fault.method ?? 'any'}`;
        faultsFired[key] = (faultsFired[key] ?? 0) + fault.fired;
      }
    },
    /** Adds the calls the sandbox counted since the last take, and clears its count. */
    async takeCalls(): Promise<void> {
      addCalls(calls, await control.calls());
      await control.clearCalls();
    },
  };
}
