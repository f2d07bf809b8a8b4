import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createConcurClient } from '@/lib/concur/client';
import { loadKeyring } from '@/lib/connections/keyring';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { requestRun } from '@/lib/jobs/lease';
import { log } from '@/lib/log';
import { POLLER_JOB, type PollerDeps } from './poller';

/** This process, as a holder of the poller's lease. */
const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * The poller's own Concur client, without quick retries: a failed poll waits as Concur asks
 * (5 minutes after a timeout or a 503, Retry-After on a 429) instead of asking again at once.
 */
export async function pollerDeps(): Promise<PollerDeps> {
  const env = getEnv();
  const logger = log.child({ component: 'poller' });
  return {
    db: await getDb(),
    concur: createConcurClient(env.concur, {
      logger,
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    }),
    keyring: () => loadKeyring(env),
    logger,
    owner,
  };
}

/** A person asked for fresh data: whichever instance polls does so now. Never waits for the poll. */
export async function requestPoll(): Promise<void> {
  await requestRun(await getDb(), POLLER_JOB);
}
