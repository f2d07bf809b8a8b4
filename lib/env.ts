import path from 'node:path';
import { z } from 'zod';
import { type ProxyTrust, parseTrustProxy, TRUST_PROXY_HINT } from '@/lib/http/proxy-trust';

/**
 * The one validated view of configuration. Everything optional has a default that makes the
 * embedded mode (SQLite in data/, the built-in Concur sandbox) work with no configuration.
 */

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number from 1 to 65535' })
    .int({ error: 'expected a whole number from 1 to 65535' })
    .min(1, { error: 'expected a whole number from 1 to 65535' })
    .max(65535, { error: 'expected a whole number from 1 to 65535' })
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const ENCRYPTION_KEY_HINT = 'expected 32 random bytes, base64-encoded (for example: openssl rand -base64 32)';
const isEncryptionKey = (value: string) =>
  /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: port(3000),
    SANDBOX_PORT: port(4010),
    DATA_DIR: z.string().trim().min(1).default('data'),
    DATABASE_URL: optionalText.pipe(
      z
        .url({
          protocol: /^postgres(ql)?$/,
          error: 'expected a postgres://user:password@host:port/database URL, or leave it unset for SQLite',
        })
        .optional(),
    ),
    CONCUR_BASE_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://us.api.concursolutions.com' })
        .optional(),
    ),
    CONCUR_CLIENT_ID: optionalText,
    CONCUR_CLIENT_SECRET: optionalText,
    CONCUR_API_VERSION: z.enum(['3.0', '3.1', '3.2'], { error: 'expected one of 3.0, 3.1, 3.2' }).default('3.2'),
    CONCUR_TIMEOUT_MS: z.coerce
      .number({ error: 'expected a number of milliseconds from 100 to 120000' })
      .int()
      .min(100, { error: 'expected a number of milliseconds from 100 to 120000' })
      .max(120_000, { error: 'expected a number of milliseconds from 100 to 120000' })
      .default(15_000),
    CONCUR_POLL_SECONDS: z.coerce
      .number({ error: 'expected seconds from 1 to 3600' })
      .int({ error: 'expected seconds from 1 to 3600' })
      .min(1, { error: 'expected seconds from 1 to 3600' })
      .max(3600, { error: 'expected seconds from 1 to 3600' })
      .default(60),
    CONCUR_GET_BY_ID: z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'),
    AUTO_MATCH: optionalText.pipe(
      z.enum(['off', 'shadow', 'auto'], { error: 'expected off, shadow or auto' }).optional(),
    ),
    AUTO_MATCH_HOLD_MINUTES: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected minutes from 0 to 1440' })
        .min(0, { error: 'expected minutes from 0 to 1440' })
        .max(1440, { error: 'expected minutes from 0 to 1440' })
        .optional(),
    ),
    APP_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'expected the URL staff open, such as https://desk.example.com' })
        .optional(),
    ),
    AUTH_SECRET: optionalText.pipe(
      z.string().min(32, { error: 'expected at least 32 characters (openssl rand -base64 32)' }).optional(),
    ),
    SESSION_IDLE_MINUTES: z.coerce
      .number({ error: 'expected minutes from 1 to 1440' })
      .int()
      .min(1, { error: 'expected minutes from 1 to 1440' })
      .max(1440, { error: 'expected minutes from 1 to 1440' })
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number({ error: 'expected hours from 1 to 168' })
      .int()
      .min(1, { error: 'expected hours from 1 to 168' })
      .max(168, { error: 'expected hours from 1 to 168' })
      .default(12),
    INITIAL_ADMIN_PASSWORD: optionalText,
    OIDC_ISSUER: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          error: 'expected the OIDC issuer URL, such as https://login.example.com/realms/staff',
        })
        .optional(),
    ),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_DISPLAY_NAME: optionalText,
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((value, ctx) => {
        const trust = parseTrustProxy(value);
        if (trust === 'invalid') {
          ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HINT });
          return z.NEVER;
        }
        return trust;
      }),
    TOKEN_ENCRYPTION_KEY: optionalText.pipe(z.string().refine(isEncryptionKey, ENCRYPTION_KEY_HINT).optional()),
    /** Keys rows may still be encrypted under, until `npm run tokens -- rotate-key` re-encrypts them. */
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: optionalText.pipe(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((key) => key.trim())
            .filter(Boolean),
        )
        .pipe(z.array(z.string().refine(isEncryptionKey, ENCRYPTION_KEY_HINT)))
        .optional(),
    ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((value, ctx) => {
    if (value.OIDC_ISSUER) {
      for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!value[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when OIDC_ISSUER is set' });
      }
    }
    if (!value.CONCUR_BASE_URL) return;
    for (const key of ['CONCUR_CLIENT_ID', 'CONCUR_CLIENT_SECRET'] as const) {
      if (!value[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'required when CONCUR_BASE_URL is set (the app credentials from your Concur partner app)',
        });
      }
    }
  });

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  concur: {
    /** True when no CONCUR_BASE_URL is set and the built-in sandbox stands in for Concur. */
    isSandbox: boolean;
    sandboxPort: number;
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    apiVersion: '3.0' | '3.1' | '3.2';
    timeoutMs: number;
    /** How often the poller walks Concur's queue. */
    pollSeconds: number;
    /**
     * Concur documents GET by id as "useful for testing purposes only": off, nothing calls it.
     * On (CONCUR_GET_BY_ID=true, where a supplier's Concur contact allows it), a send also reads
     * the request by id, as a second check beside the ledger.
     */
    isGetByIdAllowed: boolean;
  };
  /**
   * The automatic matcher, where the set-up fixes it: AUTO_MATCH overrides the policy an admin
   * chose, AUTO_MATCH_HOLD_MINUTES the hold window. Null: the Settings page decides.
   */
  matcher: { policy: 'off' | 'shadow' | 'auto' | null; holdMs: number | null };
  auth: {
    /** Where staff open the app; cookies are Secure when it is https. */
    appUrl: string;
    /** Unset: a secret generated once and kept in the database, shared by every instance. */
    secret: string | null;
    idleTimeoutMs: number;
    maxSessionMs: number;
    /**
     * Which proxies in front of us may tell the client's address (X-Forwarded-For): none, the
     * nearest N hops, or the listed addresses. Sign-in lockout counts per client address.
     */
    trustProxy: ProxyTrust;
    /** For automated set-ups: the first admin's password instead of a generated one. */
    initialAdminPassword: string | null;
    /** Single sign-on through a generic OpenID Connect provider, when configured. */
    oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string } | null;
  };
  /**
   * The keys that encrypt travellers' Concur tokens at rest. Unset: a key generated once and
   * kept in DATA_DIR (one machine); several instances must share TOKEN_ENCRYPTION_KEY.
   */
  tokenKeys: { current: string; previous: string[] } | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'EnvError';
  }
}

/** Sandbox credentials are public on purpose: the sandbox only listens on loopback. */
export const SANDBOX_CLIENT_ID = 'connection-desk-sandbox';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    // Values are never echoed: some of them are secrets.
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const isSandbox = !e.CONCUR_BASE_URL;
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'connection-desk.sqlite') },
    concur: {
      isSandbox,
      sandboxPort: e.SANDBOX_PORT,
      baseUrl: (e.CONCUR_BASE_URL ?? `http://127.0.0.1:${e.SANDBOX_PORT}`).replace(/\/+$/, ''),
      clientId: e.CONCUR_CLIENT_ID ?? SANDBOX_CLIENT_ID,
      clientSecret: e.CONCUR_CLIENT_SECRET ?? SANDBOX_CLIENT_SECRET,
      apiVersion: e.CONCUR_API_VERSION,
      timeoutMs: e.CONCUR_TIMEOUT_MS,
      pollSeconds: e.CONCUR_POLL_SECONDS,
      isGetByIdAllowed: e.CONCUR_GET_BY_ID === 'true',
    },
    matcher: {
      policy: e.AUTO_MATCH ?? null,
      holdMs: e.AUTO_MATCH_HOLD_MINUTES === undefined ? null : Math.round(e.AUTO_MATCH_HOLD_MINUTES * 60_000),
    },
    auth: {
      appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      secret: e.AUTH_SECRET ?? null,
      idleTimeoutMs: e.SESSION_IDLE_MINUTES * 60_000,
      maxSessionMs: e.SESSION_MAX_HOURS * 3_600_000,
      trustProxy: e.TRUST_PROXY,
      initialAdminPassword: e.INITIAL_ADMIN_PASSWORD ?? null,
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? {
              issuer: e.OIDC_ISSUER.replace(/\/+$/, ''),
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              displayName: e.OIDC_DISPLAY_NAME ?? 'single sign-on',
            }
          : null,
    },
    tokenKeys: e.TOKEN_ENCRYPTION_KEY
      ? { current: e.TOKEN_ENCRYPTION_KEY, previous: e.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? [] }
      : null,
    logLevel: e.LOG_LEVEL,
  };
}

let cached: Env | undefined;

/** Parsed on first use, not at import, so a build or a test can import modules without a full environment. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
