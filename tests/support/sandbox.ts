import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** A real sandbox process on a free port with its own fresh SQLite file, reached over HTTP. */
export type RunningSandbox = { baseUrl: string; stop: () => Promise<void> };

export async function startSandbox(): Promise<RunningSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-sandbox-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DB: path.join(dir, 'sandbox.sqlite') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    if (!child.stdout) throw new Error('sandbox has no stdout');
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; port?: number };
      if (message.event === 'sandbox.listening' && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The sandbox's control API (`/_sandbox/*`): clock, faults, reset and its own records. */
export function sandboxControl(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/_sandbox/${path}`, {
      method,
      // The control API takes every write as JSON, a body-less one too.
      headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json().catch(() => ({}))) as T;
  }
  return {
    reset: (body: { backlog?: number } = {}) => call<{ requests: number }>('POST', 'reset', body),
    advanceClock: (seconds: number) => call<{ now: string }>('POST', 'clock', { advanceSeconds: seconds }),
    addFault: (fault: {
      kind: string;
      count?: number;
      share?: number;
      method?: string;
      pathIncludes?: string;
      retryAfterSeconds?: number;
      delayMs?: number;
    }) => call<{ id: string }>('POST', 'faults', fault),
    clearFaults: () => call('DELETE', 'faults'),
    request: (id: string) =>
      call<{
        status: string;
        failureCount: number;
        retryCount: number;
        outcomes: { code: string; at: string }[];
        notifications: { kind: string; code: string }[];
        isRequestTokenUsed: boolean;
      }>('GET', `requests/${id}`),
  };
}
