import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from '@/lib/env';
import { addStaff } from '@/lib/staff/store';
import { openPreparedDatabase } from '@/lib/startup';
import { launch } from '@/scripts/lib/processes';

/**
 * The dashboard and its sandbox, started exactly as `npm start` starts them, on the bench's own
 * ports and data folder so an e2e run on this machine at the same time is left alone.
 */

export const BENCH_PORT = 3300;
export const BENCH_SANDBOX_PORT = 4300;
export const BENCH_PASSWORD = 'bench staff password 42';

export type BenchAgent = { email: string; name: string };
export type Stack = { baseUrl: string; sandboxUrl: string; stop: () => Promise<void> };

const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');
/** Routes the bench needs from the build; a build without them is an old one. */
const REQUIRED_ROUTES = ['/requests/(list)/page', '/requests/[id]/page'];

export function stackEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(BENCH_PORT),
    SANDBOX_PORT: String(BENCH_SANDBOX_PORT),
    APP_URL: `http://127.0.0.1:${BENCH_PORT}`,
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
    CONCUR_API_VERSION: '3.2',
    // The poll at start-up, then only polls a section asks for (bench/lib/ledger.ts): no
    // scheduled walk of a long queue runs while another section measures.
    CONCUR_POLL_SECONDS: '3600',
    CONCUR_GET_BY_ID: 'false',
    // Set, though empty, so a developer's .env cannot switch the bench to PostgreSQL, a real Concur or SSO,
    // nor the matcher to auto, where it would decide the requests a section measures with.
    DATABASE_URL: '',
    CONCUR_BASE_URL: '',
    OIDC_ISSUER: '',
    AUTO_MATCH: '',
    AUTO_MATCH_HOLD_MINUTES: '',
  };
}

export function benchAgents(count: number): BenchAgent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return { email: `agent${n}@bench.test`, name: `Bench Agent ${n}` };
  });
}

/** Accounts on the database the dashboard will open, before it starts (as e2e/support/seed-staff.ts does). */
export async function seedAgents(env: NodeJS.ProcessEnv, agents: readonly BenchAgent[]): Promise<void> {
  const { db, auth } = await openPreparedDatabase(parseEnv(env));
  try {
    for (const agent of agents) await addStaff(auth, { ...agent, role: 'agent', password: BENCH_PASSWORD });
  } finally {
    await db.destroy();
  }
}

function newestSourceTime(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(tsx?|css)$/.test(entry.name)) continue;
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

export type BuildInfo = { id: string; builtAt: string; isOlderThanSources: boolean };

/**
 * Builds when there is no production build, when it lacks a route the bench needs, or when
 * asked to. An old but complete build is used as it is (an e2e run may be serving it) and
 * reported as older than the sources.
 */
export function ensureBuild(force: boolean): BuildInfo {
  const buildIdFile = path.join('.next', 'BUILD_ID');
  const routesFile = path.join('.next', 'app-path-routes-manifest.json');
  const hasRoutes =
    fs.existsSync(routesFile) &&
    REQUIRED_ROUTES.every((route) => route in (JSON.parse(fs.readFileSync(routesFile, 'utf8')) as object));
  if (force || !fs.existsSync(buildIdFile) || !hasRoutes) {
    process.stderr.write('Building the production build (next build)…\n');
    const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed; see the messages above');
  }
  const builtAt = fs.statSync(buildIdFile).mtimeMs;
  return {
    id: fs.readFileSync(buildIdFile, 'utf8').trim(),
    builtAt: new Date(builtAt).toISOString(),
    isOlderThanSources: newestSourceTime(['app', 'components', 'lib']) > builtAt,
  };
}

/**
 * `scripts/start.ts` (the sandbox, then the dashboard) in a process group of its own, its
 * output in `logFile`; ready when the dashboard says it listens.
 */
export async function startStack(env: NodeJS.ProcessEnv, logFile: string): Promise<Stack> {
  const started = launch({
    name: 'npm start (sandbox and dashboard)',
    entry: 'scripts/start.ts',
    env,
    readyEvent: 'dashboard.listening',
    startTimeoutMs: 180_000,
    logFile,
    isGroupLeader: true,
    stopTimeoutMs: 10_000,
  });
  await started.start();
  return {
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    sandboxUrl: `http://127.0.0.1:${env.SANDBOX_PORT}`,
    stop: started.stop,
  };
}
