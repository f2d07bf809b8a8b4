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
 * Longer than one delivery can take, so a live sender never loses its lease: a read and a safe
 * update each try up to four times before giving up, and the update may read back and resend.
 */
export function leaseMsFor(concurTimeoutMs: number): number {
  return 16 * concurTimeoutMs + 60_000;
}

export async function deliverDeps(): Promise<DeliverDeps> {
  return {
    db: await getDb(),
    concur: getConcurClient(),
    logger: log.child({ component: 'decisions' }),
    owner,
    leaseMs: leaseMsFor(getEnv().concur.timeoutMs),
    keyring: () => loadKeyring(getEnv()),
  };
}
