import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Env, EnvError, parseEnv } from '@/lib/env';
import { spawnTs, waitForEvent } from './lib/processes';

/**
 * `npm start` (production build) and `npm run dev` (hot reload): the built-in Concur sandbox
 * when CONCUR_BASE_URL is unset, then the dashboard. Ctrl-C stops both.
 */

const isDev = process.argv.includes('--dev');
const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');
process.env.NEXT_TELEMETRY_DISABLED = '1';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

// A .env file in the project folder configures the sandbox and the dashboard alike.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const children: ChildProcess[] = [];
let isStopping = false;

function stopAll(code: number): void {
  if (isStopping) return;
  isStopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const waitAll = children.map(
    (child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null))),
  );
  Promise.all(waitAll).then(() => process.exit(code));
  setTimeout(() => process.exit(code), 8000).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function watch(child: ChildProcess, name: string): ChildProcess {
  children.push(child);
  child.once('exit', (code) => {
    if (isStopping) return;
    process.stderr.write(`\n${name} stopped (exit code ${code}); stopping everything.\n`);
    stopAll(code || 1);
  });
  return child;
}

async function main(): Promise<void> {
  if (!isDev && !fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    process.stdout.write('No production build yet: building once (about a minute)…\n');
    const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0) fail('The build failed; see the messages above.');
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: isDev ? 'development' : 'production',
    DATA_DIR: env.dataDir,
  };

  if (env.concur.isSandbox) {
    const sandbox = watch(
      spawnTs('sandbox/main.ts', [], { ...childEnv, SANDBOX_PORT: String(env.concur.sandboxPort) }),
      'The Concur sandbox',
    );
    await waitForEvent(sandbox, 'sandbox.listening', 30_000).catch((error: Error) => {
      throw new Error(
        `The Concur sandbox did not start (${error.message}). Is port ${env.concur.sandboxPort} free? Set SANDBOX_PORT to move it.`,
      );
    });
  }

  const dashboard = watch(spawnTs('scripts/serve.ts', isDev ? ['--dev'] : [], childEnv), 'The dashboard');
  await waitForEvent(dashboard, 'dashboard.listening', 120_000).catch((error: Error) => {
    throw new Error(`The dashboard did not start (${error.message}). Is port ${env.port} free? Set PORT to move it.`);
  });

  const host = env.host === '127.0.0.1' || env.host === '0.0.0.0' ? 'localhost' : env.host;
  process.stdout.write(
    [
      '',
      `  Connection Desk is running${isDev ? ' (development, hot reload)' : ''}.`,
      `  Open http://${host}:${env.port}/requests`,
      env.concur.isSandbox
        ? `  Concur: the built-in sandbox on http://127.0.0.1:${env.concur.sandboxPort} (demo data)`
        : `  Concur: ${new URL(env.concur.baseUrl).host}`,
      `  Database: ${env.database.kind === 'sqlite' ? env.database.file : 'PostgreSQL (DATABASE_URL)'}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  // After Ctrl-C a child that ends mid-start is no failure to report.
  if (isStopping) return;
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
