import pino from 'pino';
import { type ConcurClient, type ConcurClientDeps, createConcurClient } from '@/lib/concur/client';
import { parseEnv, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';

/** A client for the sandbox at `baseUrl`, with quick retries so fault tests stay fast. */
export function sandboxClient(
  baseUrl: string,
  options: {
    apiVersion?: '3.0' | '3.1' | '3.2';
    timeoutMs?: number;
    clientSecret?: string;
    deps?: Partial<ConcurClientDeps>;
  } = {},
): ConcurClient {
  const env = parseEnv({
    CONCUR_BASE_URL: baseUrl,
    CONCUR_CLIENT_ID: SANDBOX_CLIENT_ID,
    CONCUR_CLIENT_SECRET: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    CONCUR_API_VERSION: options.apiVersion ?? '3.2',
    CONCUR_TIMEOUT_MS: String(options.timeoutMs ?? 5000),
  });
  return createConcurClient(env.concur, {
    logger: pino({ level: 'silent' }),
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 3000 },
    ...options.deps,
  });
}
