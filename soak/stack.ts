import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDb, type Db } from '@/lib/db';
import { parseEnv, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';
import { startTestPostgres, type TestPostgres } from '@/scripts/lib/postgres';
import { type Launched, launch, onKillAll } from '@/scripts/lib/processes';
import { type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { sandboxProcess } from '@/scripts/lib/sandbox-process';
import { AUTH_SECRET, CONCUR_TIMEOUT_MS, DASHBOARD_PORTS, POLL_SECONDS, SANDBOX_PORT } from './config';

/** One soak's processes: the sandbox standing in for Concur and one or two dashboards. */

export type Stack = {
  sandbox: Launched;
  sandboxUrl: string;
  control: SandboxControl;
  dashboards: Launched[];
  dashboardUrls: string[];
  /** The environment every dashboard shares, except its port (what seeding uses too). */
  dashboardEnv: NodeJS.ProcessEnv;
};

/** How the dashboards' matcher runs: as shipped (shadow) for the decide phase, `auto` with a hold for the engine's. */
export type MatcherSetup = { policy: 'shadow' | 'auto'; holdMinutes: number | null };

type Shared = {
  dir: string;
  sandboxUrl: string;
  databaseUrl: string | null;
  tokenKey: string;
  matcher: MatcherSetup;
};

function dashboardEnv({ dir, sandboxUrl, databaseUrl, tokenKey, matcher }: Shared, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dir,
    // Empty means SQLite in DATA_DIR, whatever the calling shell had set.
    DATABASE_URL: databaseUrl ?? '',
    CONCUR_BASE_URL: sandboxUrl,
    CONCUR_CLIENT_ID: SANDBOX_CLIENT_ID,
    CONCUR_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
    CONCUR_API_VERSION: '3.2',
    CONCUR_TIMEOUT_MS: String(CONCUR_TIMEOUT_MS),
    // The engine as shipped: the poller fills the ledger the screens and the sender read, and
    // Concur's "for testing only" GET by id stays off, whatever the calling shell has set.
    CONCUR_POLL_SECONDS: String(POLL_SECONDS),
    CONCUR_GET_BY_ID: 'false',
    // The matcher's policy and hold from the environment, which the Settings page cannot override.
    AUTO_MATCH: matcher.policy,
    AUTO_MATCH_HOLD_MINUTES: matcher.holdMinutes === null ? '' : String(matcher.holdMinutes),
    AUTH_SECRET,
    // Instances sharing a database must share the key that seals travellers' tokens.
    TOKEN_ENCRYPTION_KEY: tokenKey,
    INITIAL_ADMIN_PASSWORD: 'soak admin password 42',
    TRUST_PROXY: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
  };
}

export function defineStack(
  dir: string,
  databaseUrl: string | null,
  instances: number,
  matcher: MatcherSetup = { policy: 'shadow', holdMinutes: null },
): Stack {
  const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
  const sandbox = sandboxProcess({
    port: SANDBOX_PORT,
    dbFile: path.join(dir, 'sandbox.sqlite'),
    logFile: path.join(dir, 'sandbox.log'),
  });
  const ports = DASHBOARD_PORTS.slice(0, instances);
  const shared: Shared = { dir, sandboxUrl, databaseUrl, tokenKey: randomBytes(32).toString('base64'), matcher };
  const dashboards = ports.map((port) =>
    launch({
      name: `dashboard :${port}`,
      entry: 'scripts/serve.ts',
      env: dashboardEnv(shared, port),
      logFile: path.join(dir, `dashboard-${port}.log`),
      readyEvent: 'dashboard.listening',
      startTimeoutMs: 180_000,
      // A crash takes down whatever the dashboard started as well.
      isGroupLeader: true,
    }),
  );
  return {
    sandbox,
    sandboxUrl,
    control: sandboxControl(sandboxUrl),
    dashboards,
    dashboardUrls: ports.map((port) => `http://127.0.0.1:${port}`),
    dashboardEnv: dashboardEnv(shared, ports[0] ?? DASHBOARD_PORTS[0]),
  };
}

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Runs `body` with a stack of its own: a throw-away PostgreSQL for `postgres` (null when none
 * can be started: the reason), the soak's own handle on the dashboards' database, and every
 * process stopped afterwards, whatever `body` did.
 */
export async function withStack(
  options: { database: DatabaseKind; dir: string; instances: number; matcher?: MatcherSetup },
  body: (stack: Stack, db: Db) => Promise<void>,
): Promise<{ skipped: string } | null> {
  let postgres: TestPostgres | null = null;
  if (options.database === 'postgres') {
    const started = await startTestPostgres();
    if ('unavailable' in started) return { skipped: started.unavailable };
    postgres = started;
  }
  const forget = postgres ? onKillAll(postgres.stop) : () => {};
  const stack = defineStack(options.dir, postgres?.url ?? null, options.instances, options.matcher);
  const db = createDb(parseEnv(stack.dashboardEnv).database);
  try {
    await body(stack, db);
  } finally {
    await Promise.all([...stack.dashboards, stack.sandbox].map((process) => process.stop()));
    await db.destroy();
    forget();
    postgres?.stop();
  }
  return null;
}
