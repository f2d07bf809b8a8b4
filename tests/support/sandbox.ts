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
