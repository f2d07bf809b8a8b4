import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

/**
 * The sandbox and dashboard processes of a soak: each in its own process group (so a kill
 * takes whatever it started too), its output in a log file for evidence, and every one
 * killed when the soak ends, however it ends.
 */

export type ManagedProcess = {
  name: string;
  /** Starts it (again) and resolves once it printed its `listening` event. */
  start: () => Promise<void>;
  /** SIGKILL to the whole group: a crash, not a shutdown. */
  crash: () => Promise<void>;
  stop: () => Promise<void>;
};

const live = new Set<ChildProcess>();
const cleanups = new Set<() => void>();

/** Something else to undo when the soak ends early (a PostgreSQL server); returns its removal. */
export function onKillAll(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Kills every process the soak started and has not stopped yet. */
export function killAll(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the soak is ending anyway.
    }
  }
  cleanups.clear();
}

function waitForListening(child: ChildProcess, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code} before ${event}`));
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!line.includes(`"event":"${event}"`)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve();
    });
  });
}

export function managedProcess(options: {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  listeningEvent: string;
  startTimeoutMs: number;
}): ManagedProcess {
  let child: ChildProcess | undefined;
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });

  const end = async (signal: NodeJS.Signals) => {
    const current = child;
    if (!current) return;
    killGroup(current, signal);
    const timer = setTimeout(() => killGroup(current, 'SIGKILL'), 8000);
    await exited(current);
    clearTimeout(timer);
    live.delete(current);
    child = undefined;
    log.write(`${JSON.stringify({ event: 'soak.process.ended', signal, at: new Date().toISOString() })}\n`);
  };

  return {
    name: options.name,
    async start() {
      log.write(`${JSON.stringify({ event: 'soak.process.starting', at: new Date().toISOString() })}\n`);
      const started = spawn(process.execPath, ['--import', 'tsx', options.entry], {
        env: options.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      live.add(started);
      started.stdout?.pipe(log, { end: false });
      started.stderr?.pipe(log, { end: false });
      try {
        await waitForListening(started, options.listeningEvent, options.startTimeoutMs);
      } catch (error) {
        await end('SIGKILL');
        throw new Error(
          `${options.name} did not start: ${error instanceof Error ? error.message : error} (see ${options.logFile})`,
        );
      }
    },
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
