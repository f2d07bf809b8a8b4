import { z } from 'zod';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';
import { type Launched, launch } from './processes';

/**
 * The Concur sandbox as a process of its own, for the tests and the soak: on loopback, on the
 * port given (0 picks a free one), with its own SQLite file and the credentials our Concur
 * client is configured with, whatever the calling shell has set.
 */

export type SandboxProcess = Launched & {
  /** Where it listens: known once it has started. */
  baseUrl: () => string;
};

const listening = z.object({ port: z.number().int().positive() });

export function sandboxProcess(options: {
  dbFile: string;
  port?: number;
  logFile?: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}): SandboxProcess {
  let port = options.port ?? 0;
  const launched = launch({
    name: 'sandbox',
    entry: 'sandbox/main.ts',
    env: {
      ...(options.env ?? process.env),
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_DB: options.dbFile,
      SANDBOX_CLIENT_ID,
      SANDBOX_CLIENT_SECRET,
    },
    readyEvent: 'sandbox.listening',
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    logFile: options.logFile,
  });
  return {
    ...launched,
    async start() {
      const ready = await launched.start();
      port = listening.parse(ready).port;
      return ready;
    },
    baseUrl: () => {
      if (port === 0) throw new Error('the sandbox has not started yet');
      return `http://127.0.0.1:${port}`;
    },
  };
}
