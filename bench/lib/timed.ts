import { since } from './stats';

/**
 * Wall time, CPU time and whether the event loop turned while some work ran: work that never
 * yields (synchronous SQLite behind promises) holds up everything else in its process.
 */

export type Timed = { wallMs: number; cpuMs: number; timerTurns: number };

/** A timer's period, to see whether the event loop turned while the work ran. */
export const TURN_MS = 100;

export async function timed<T>(work: () => Promise<T>): Promise<Timed & { result: T }> {
  let timerTurns = 0;
  const timer = setInterval(() => {
    timerTurns += 1;
  }, TURN_MS);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    const wallMs = since(started);
    const used = process.cpuUsage(cpu);
    return { result, wallMs, cpuMs: (used.user + used.system) / 1000, timerTurns };
  } finally {
    clearInterval(timer);
  }
}

/** Whether the event loop turned during the passes: a pass that never yields holds up the dashboard's process. */
export function loopNote(shadow: Timed, auto: Timed): string {
  const expected = (run: Timed) => Math.round(run.wallMs / TURN_MS);
  const fired = `a ${TURN_MS} ms timer fired ${shadow.timerTurns} times during the shadow pass and ${auto.timerTurns} during the auto pass (${expected(shadow)} and ${expected(auto)} had the loop turned freely)`;
  const isStalled = shadow.timerTurns + auto.timerTurns < (expected(shadow) + expected(auto)) / 10;
  return isStalled
    ? `event loop: ${fired}; in the dashboard's process, pages, the poller and the outbox wait for a pass to end`
    : `event loop: ${fired}`;
}
