import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

/**
 * The one process launcher: start a TypeScript entry point, wait for the JSON line that says
 * it is ready, stop it (or crash it). `npm start` uses the primitives (spawnTs, waitForEvent);
 * the tests, the bench and the soak use `launch`, which adds log files, process groups and a
 * kill-everything for a harness that ends early.
 */

/**
 * Set on a child when our stdout is a terminal: the child's own stdout is a pipe, but
 * waitForEvent relays every line of it to that terminal, so a person reads what it writes.
 */
const RELAYED_TO_TERMINAL = 'CONNECTION_DESK_RELAYED_TO_TERMINAL';

/** Whether a person reads our stdout: a terminal, or a parent relaying it to one. */
export function isOutputOnTerminal(): boolean {
  return process.stdout.isTTY === true || process.env[RELAYED_TO_TERMINAL] === '1';
}

type SpawnOptions = {
  /** Lines go to a log file or nowhere, not to our terminal: the child is told so. */
  isCaptured?: boolean;
  /** Also pipe stderr (for a log file) instead of sharing ours. */
  isStderrPiped?: boolean;
  /** A process group of its own, so a signal reaches whatever it starts too. */
  isGroupLeader?: boolean;
};

/** Runs a TypeScript entry point in a child Node process (through tsx's loader). */
export function spawnTs(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): ChildProcess {
  const isRelayed = !options.isCaptured && process.stdout.isTTY;
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    // Unset, not inherited, when no terminal reads what the child writes.
    env: { ...env, [RELAYED_TO_TERMINAL]: isRelayed ? '1' : undefined },
    stdio: ['ignore', 'pipe', options.isStderrPiped ? 'pipe' : 'inherit'],
    detached: options.isGroupLeader === true,
  });
}

const relayToStdout = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Resolves with the first JSON line on the child's stdout whose `event` matches; every line is
 * handed to `onLine` as well (by default passed through to our stdout), before and after.
 */
export function waitForEvent(
  child: ChildProcess,
  event: string,
  timeoutMs: number,
  onLine: (line: string) => void = relayToStdout,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) {
      reject(new Error('child has no stdout'));
      return;
    }
    const lines = readline.createInterface({ input: child.stdout });
    let isWaiting = true;
    const settle = () => {
      isWaiting = false;
      clearTimeout(timer);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      settle();
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      settle();
      reject(new Error(`exited with code ${code} before ${event}`));
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      onLine(line);
      if (!isWaiting) return;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && (parsed as { event?: unknown }).event === event) {
          settle();
          resolve(parsed as Record<string, unknown>);
        }
      } catch {
        // Not every line is JSON (Next prints plain text in development).
      }
    });
  });
}

export type LaunchOptions = {
  /** Named in errors: `sandbox`, `dashboard :3400`. */
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** The `event` of the JSON line it prints once it takes calls. */
  readyEvent: string;
  startTimeoutMs: number;
  /** Its stdout and stderr, appended here; without one, stdout is dropped and stderr is ours. */
  logFile?: string;
  /** A process group of its own: stopping or crashing it ends whatever it started as well. */
  isGroupLeader?: boolean;
  /** How long a stop waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
};

export type Launched = {
  readonly name: string;
  /** Starts it (again, after a stop or crash) and resolves with its ready event. */
  start: () => Promise<Record<string, unknown>>;
  /** SIGKILL: a crash, not a shutdown. */
  crash: () => Promise<void>;
  /** SIGTERM, then SIGKILL if it has not ended in time. */
  stop: () => Promise<void>;
};

/** Every launched process not stopped yet, and whether it leads a group of its own. */
const live = new Map<ChildProcess, boolean>();
const cleanups = new Set<() => void>();

function signal(child: ChildProcess, name: NodeJS.Signals, isGroup: boolean): void {
  if (child.pid === undefined) return;
  try {
    if (isGroup) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Gone already.
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Something else to undo when a harness ends early (a PostgreSQL server); returns its removal. */
export function onKillAll(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** SIGKILL to every launched process not stopped yet, then the registered cleanups. */
export function killAll(): void {
  for (const [child, isGroup] of live) signal(child, 'SIGKILL', isGroup);
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the harness is ending anyway.
    }
  }
  cleanups.clear();
}

export function launch(options: LaunchOptions): Launched {
  const isGroup = options.isGroupLeader === true;
  const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : null;
  const note = (event: string, extra: Record<string, string> = {}) =>
    log?.write(`${JSON.stringify({ event, ...extra, at: new Date().toISOString() })}\n`);
  let child: ChildProcess | undefined;

  const end = async (name: NodeJS.Signals) => {
    const current = child;
    if (!current) return;
    if (!hasExited(current)) signal(current, name, isGroup);
    const timer = setTimeout(() => signal(current, 'SIGKILL', isGroup), options.stopTimeoutMs ?? 8000);
    await exited(current);
    clearTimeout(timer);
    // A group leader may leave before what it started does.
    if (isGroup) signal(current, 'SIGKILL', true);
    live.delete(current);
    child = undefined;
    note('process.ended', { signal: name });
  };

  return {
    name: options.name,
    async start() {
      note('process.starting');
      const started = spawnTs(options.entry, [], options.env, {
        isCaptured: true,
        isStderrPiped: log !== null,
        isGroupLeader: isGroup,
      });
      child = started;
      live.set(started, isGroup);
      if (log) started.stderr?.pipe(log, { end: false });
      try {
        return await waitForEvent(started, options.readyEvent, options.startTimeoutMs, (line) =>
          log?.write(`${line}\n`),
        );
      } catch (error) {
        await end('SIGKILL');
        const where = options.logFile ? ` (see ${options.logFile})` : '';
        throw new Error(`${options.name} did not start: ${error instanceof Error ? error.message : error}${where}`);
      }
    },
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
