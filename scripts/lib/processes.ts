import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';

/**
 * Set on a child when our stdout is a terminal: the child's own stdout is a pipe, but
 * waitForEvent relays every line of it to that terminal, so a person reads what it writes.
 */
const RELAYED_TO_TERMINAL = 'CONNECTION_DESK_RELAYED_TO_TERMINAL';

/** Whether a person reads our stdout: a terminal, or a parent relaying it to one. */
export function isOutputOnTerminal(): boolean {
  return process.stdout.isTTY === true || process.env[RELAYED_TO_TERMINAL] === '1';
}

/** Runs a TypeScript entry point in a child Node process (through tsx's loader). */
export function spawnTs(entry: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    // Unset, not inherited, when our stdout is no terminal.
    env: { ...env, [RELAYED_TO_TERMINAL]: process.stdout.isTTY ? '1' : undefined },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Resolves with the first JSON line on the child's stdout whose `event` matches; every line is
 * passed through to our stdout as well.
 */
export function waitForEvent(child: ChildProcess, event: string, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) {
      reject(new Error('child has no stdout'));
      return;
    }
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code} before ${event}`));
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      process.stdout.write(`${line}\n`);
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && (parsed as { event?: unknown }).event === event) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(parsed as Record<string, unknown>);
        }
      } catch {
        // Not every line is JSON (Next prints plain text in development).
      }
    });
  });
}
