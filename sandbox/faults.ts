import { z } from 'zod';
import { random } from './random';

/**
 * Injected failures for the /api and /oauth2 routes, so the app's retry, timeout and
 * idempotency handling can be exercised against a real socket. Held in memory: a fault is a
 * test's arrangement, not sandbox data, and a restart or reset clears it.
 */

export const FAULT_KINDS = [
  'status-500',
  'status-503',
  'status-429',
  'hang',
  'slow',
  'reset',
  'reset-after-apply',
  'malformed-json',
  'wrong-content-type',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultInput = z
  .object({
    kind: z.enum(FAULT_KINDS),
    count: z.number().int().min(1).optional(),
    share: z.number().min(0).max(1).optional(),
    method: z.string().min(1).optional(),
    pathIncludes: z.string().min(1).optional(),
    retryAfterSeconds: z.number().int().min(0).default(1),
    delayMs: z.number().int().min(0).max(600_000).default(1000),
  })
  .strict();
export type FaultInput = z.infer<typeof faultInput>;

export type Fault = {
  id: string;
  kind: FaultKind;
  /** Firings left; null = unlimited (a `share` fault without a `count`). */
  remaining: number | null;
  share: number | null;
  method: string | null;
  pathIncludes: string | null;
  retryAfterSeconds: number;
  delayMs: number;
  fired: number;
};

type ArmedFault = Fault & { roll: () => number };

export type FaultRegistry = ReturnType<typeof createFaultRegistry>;

export function createFaultRegistry() {
  let faults: ArmedFault[] = [];
  let created = 0;

  const matches = (fault: ArmedFault, method: string, url: string): boolean =>
    fault.remaining !== 0 &&
    (fault.method === null || fault.method === method.toUpperCase()) &&
    (fault.pathIncludes === null || url.toLowerCase().includes(fault.pathIncludes.toLowerCase()));

  return {
    add(input: FaultInput): { id: string } {
      created += 1;
      const id = `fault-${created}`;
      faults.push({
        id,
        kind: input.kind,
        remaining: input.count ?? (input.share === undefined ? 1 : null),
        share: input.share ?? null,
        method: input.method?.toUpperCase() ?? null,
        pathIncludes: input.pathIncludes ?? null,
        retryAfterSeconds: input.retryAfterSeconds,
        delayMs: input.delayMs,
        fired: 0,
        // Seeded per fault so a `share` run is repeatable: the same calls fail on every run.
        roll: random(created * 7919),
      });
      return { id };
    },

    /** The first armed fault that fires for this call, consuming one of its count. */
    take(method: string, url: string): Fault | null {
      for (const fault of faults) {
        if (!matches(fault, method, url)) continue;
        if (fault.share !== null && fault.roll() >= fault.share) continue;
        if (fault.remaining !== null) fault.remaining -= 1;
        fault.fired += 1;
        const { roll: _, ...snapshot } = fault;
        return snapshot;
      }
      return null;
    },

    list(): Fault[] {
      return faults.map(({ roll: _, ...fault }) => fault);
    },

    clear(): void {
      faults = [];
    },
  };
}
