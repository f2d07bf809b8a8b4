import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { getConcurClient } from '@/lib/concur';
import { loadKeyring } from '@/lib/connections/keyring';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import type { DeliverDeps } from './deliver';

/** This process, as the holder of send leases. */
const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * A live sender renews its lease while it works (see deliver.ts), so the lease only has to
 * outlast a pause between renewals: a crashed sender's decisions are resent within this.
 */
export const LEASE_MS = 30_000;

export async function deliverDeps(): Promise<DeliverDeps> {
  return {
    db: await getDb(),
    concur: getConcurClient(),
    logger: log.child({ component: 'decisions' }),
    owner,
    leaseMs: LEASE_MS,
    keyring: () => loadKeyring(getEnv()),
    isGetByIdAllowed: getEnv().concur.isGetByIdAllowed,
  };
}
