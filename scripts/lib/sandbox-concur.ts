import pino from 'pino';
import { type ConcurClient, type ConcurClientDeps, createConcurClient } from '@/lib/concur/client';
import { parseEnv, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';

/**
 * Our own Concur client aimed at a sandbox, configured as the dashboard configures it, for the
 * tests and the soak: what the app sees, where sandbox-control.ts shows what the sandbox holds.
 * Retries are quick so fault tests stay fast; `deps.retry` gives the production policy back.
 */
export function sandboxClient(
  baseUrl: string,
  options: {
    apiVersion?: '3.0' | '3.1' | '3.2';
    timeoutMs?: number;
    clientSecret?: string;
    /** CONCUR_GET_BY_ID: off by default, as in production; tests of the engine keep it off. */
    isGetByIdAllowed?: boolean;
    deps?: Partial<ConcurClientDeps>;
  } = {},
): ConcurClient {
  const env = parseEnv({
    CONCUR_BASE_URL: baseUrl,
    CONCUR_CLIENT_ID: SANDBOX_CLIENT_ID,
    CONCUR_CLIENT_SECRET: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    CONCUR_API_VERSION: options.apiVersion ?? '3.2',
    CONCUR_TIMEOUT_MS: String(options.timeoutMs ?? 5000),
    CONCUR_GET_BY_ID: options.isGetByIdAllowed ? 'true' : 'false',
  });
  return createConcurClient(env.concur, {
    logger: pino({ level: 'silent' }),
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 3000 },
    ...options.deps,
  });
}
