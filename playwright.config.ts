import { defineConfig, type PlaywrightTestProject } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/lib/chromium';

/**
 * The e2e suite runs against the production build started exactly as `npm start` does, with
 * the sandbox, once on SQLite and once on PostgreSQL (when `npm test` provides one), so the two
 * databases are shown to behave the same.
 */

const postgresUrl = process.env.TEST_DATABASE_URL;

/** A real OpenID Connect provider on loopback, for the single sign-on journey. */
const oidcPort = 4150;
const oidcEnv = {
  OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  OIDC_CLIENT_ID: 'connection-desk-e2e',
  OIDC_CLIENT_SECRET: 'connection-desk-e2e-secret',
  OIDC_DISPLAY_NAME: 'Test SSO',
};

type Target = { name: string; port: number; sandboxPort: number; env: Record<string, string> };

const targets: Target[] = [
  { name: 'sqlite', port: 3100, sandboxPort: 4100, env: {} },
  ...(postgresUrl ? [{ name: 'postgres', port: 3101, sandboxPort: 4101, env: { DATABASE_URL: postgresUrl } }] : []),
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: targets.flatMap((target): PlaywrightTestProject[] => {
    const shared = {
      use: { baseURL: `http://127.0.0.1:${target.port}` },
      metadata: {
        sandboxUrl: `http://127.0.0.1:${target.sandboxPort}`,
        database: postgresUrl && target.env.DATABASE_URL ? 'postgres' : 'sqlite',
        /** What the server was started with, so a test can reach the same database. */
        env: { ...target.env, DATA_DIR: `data/e2e/${target.name}` },
      },
    };
    // Markup checks (axe, in both themes), redirects, URL parsing and the journeys tagged @once
    // (what the browser is shown or refused, whatever the database) do not depend on the
    // database: once, on SQLite, keeps CI well inside its time budget.
    const isPostgres = target.name === 'postgres';
    return [
      {
        name: target.name,
        grepInvert: isPostgres ? /@alone|@once/ : /@alone/,
        testIgnore: isPostgres ? ['accessibility.spec.ts', 'redirects.spec.ts', 'bad-input.spec.ts'] : undefined,
        ...shared,
      },
      // Journeys take fresh requests of their own, so they run side by side whatever they do to
      // the queue. Tests tagged @alone cannot: one switches a setting every journey feels (two-factor
      // for everyone), the others compare whole tables before and after. They run one at a time,
      // once the other journeys are done with this server.
      {
        name: `${target.name}-alone`,
        grep: /@alone/,
        grepInvert: isPostgres ? /@once/ : undefined,
        dependencies: [target.name],
        workers: 1,
        ...shared,
      },
    ];
  }),
  webServer: [
    {
      command: 'node --import tsx e2e/support/oidc-provider.ts',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: {
        OIDC_PORT: String(oidcPort),
        OIDC_APP_ORIGINS: targets.map((t) => `http://127.0.0.1:${t.port}`).join(','),
      },
    },
    ...targets.map((target) => ({
      command: 'node --import tsx e2e/support/seed-staff.ts && node --import tsx scripts/start.ts',
      url: `http://127.0.0.1:${target.port}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      env: {
        ...target.env,
        ...oidcEnv,
        APP_URL: `http://127.0.0.1:${target.port}`,
        PORT: String(target.port),
        SANDBOX_PORT: String(target.sandboxPort),
        DATA_DIR: `data/e2e/${target.name}`,
        // The journeys sign in with their own seeded accounts, never the generated first admin.
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        // The tests stand in for a proxy on loopback, so the sign-in abuse journeys can send each
        // burst from an address of its own and never lock out the other journeys' 127.0.0.1.
        TRUST_PROXY: 'loopback',
        // The screens read the ledger the poller fills: journeys ask for a poll of their own too.
        CONCUR_POLL_SECONDS: '5',
      },
    })),
  ],
});
