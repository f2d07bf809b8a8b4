import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxProcess } from '@/scripts/lib/sandbox-process';

/**
 * A real sandbox process on a free port with its own fresh SQLite file, reached over HTTP
 * (started by the kit's launcher; its control API is scripts/lib/sandbox-control.ts).
 */
export type RunningSandbox = { baseUrl: string; stop: () => Promise<void> };

export async function startSandbox(): Promise<RunningSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-sandbox-'));
  const sandbox = sandboxProcess({ dbFile: path.join(dir, 'sandbox.sqlite'), startTimeoutMs: 20_000 });
  await sandbox.start();
  return {
    baseUrl: sandbox.baseUrl(),
    stop: async () => {
      await sandbox.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
