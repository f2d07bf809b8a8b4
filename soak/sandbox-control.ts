import type { FaultSpec } from './config';

/** The sandbox's control API (`/_sandbox/*`): its own records are the soak's ground truth. */

export type SandboxRecord = {
  id: string;
  status: string;
  outcomes: { code: string; at: string }[];
  notifications: { kind: string; code: string; at: string }[];
};

export type SandboxFault = { id: string; kind: string; method: string | null; share: number | null; fired: number };

export type SandboxStats = {
  requests: { total: number; byStatus: Record<string, number> };
  outcomes: { total: number; byCode: Record<string, number> };
};

export function sandboxControl(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/_sandbox/${path}`, {
      method,
      // The control API takes every write as JSON, a body-less one too.
      headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    reset: (backlog: number) => call<{ requests: number }>('POST', 'reset', { backlog }),
    armFaults: async (plan: FaultSpec[]) => {
      for (const fault of plan) await call('POST', 'faults', fault);
    },
    faults: async () => (await call<{ faults: SandboxFault[] }>('GET', 'faults')).faults,
    clearFaults: () => call('DELETE', 'faults'),
    stats: () => call<SandboxStats>('GET', 'stats'),
    record: (id: string) => call<SandboxRecord>('GET', `requests/${encodeURIComponent(id)}`),
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
