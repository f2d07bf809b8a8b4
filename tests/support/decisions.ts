import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createAuth, migrateAuth } from '@/lib/auth/better-auth';
import type { ConcurClient } from '@/lib/concur/client';
import { loadKeyring } from '@/lib/connections/keyring';
import type { Db } from '@/lib/db';
import type { DecideDeps } from '@/lib/decisions/decide';
import { parseEnv } from '@/lib/env';
import type { PollerDeps } from '@/lib/ledger/poller';
import { addStaff } from '@/lib/staff/store';

/** Better Auth's tables and two agents in a test database, for code that names staff. */
export async function addTestAgents(db: Db, databaseName: string): Promise<{ ana: string; ben: string }> {
  // Better Auth shapes its migrations by dialect; only the kind of this URL is read, not the URL.
  const env = parseEnv({
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-agents-')),
    DATABASE_URL: databaseName === 'PostgreSQL' ? 'postgres://unused@127.0.0.1/unused' : undefined,
  });
  await migrateAuth(db, env);
  const auth = createAuth(db, env, 'a test secret that is long enough to sign cookies');
  const password = 'a long test password 42';
  return {
    ana: await addStaff(auth, { email: 'ana@example.com', name: 'Ana Lima', role: 'agent', password }),
    ben: await addStaff(auth, { email: 'ben@example.com', name: 'Ben Okafor', role: 'agent', password }),
  };
}

/** What deciding needs, with every member known unless `members` names them. */
export function testDecideDeps(
  db: Db,
  concur: ConcurClient,
  options: {
    owner?: string;
    leaseMs?: number;
    now?: () => Date;
    members?: string[];
    dataDir?: string;
    lateApplyMs?: number;
  } = {},
): DecideDeps {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-keys-'));
  return {
    keyring: () => loadKeyring({ dataDir, tokenKeys: null }),
    db,
    concur,
    logger: pino({ level: 'silent' }),
    owner: options.owner ?? 'test-instance',
    leaseMs: options.leaseMs ?? 60_000,
    now: options.now,
    findMember: async (id) => (!options.members || options.members.includes(id) ? { id } : null),
    // A PUT the sandbox has not applied by its answer never is: no wait for a late one.
    lateApplyMs: options.lateApplyMs ?? 0,
  };
}

/** The poller's dependencies for a test: the same keyring as the deciders (pass one dataDir to both). */
export function testPollerDeps(
  db: Db,
  concur: ConcurClient,
  options: { dataDir: string; owner?: string; now?: () => Date },
): PollerDeps {
  return {
    db,
    concur,
    keyring: () => loadKeyring({ dataDir: options.dataDir, tokenKeys: null }),
    logger: pino({ level: 'silent' }),
    owner: options.owner ?? 'test-poller',
    now: options.now,
  };
}

/**
 * Pending requests from Concur that no test has used yet, one at a time. v3.2 lists Processing
 * requests as Pending too; `isPending` (the sandbox's own record) leaves those out.
 */
export function pendingRequests(concur: ConcurClient, isPending: (id: string) => Promise<boolean> = async () => true) {
  const used = new Set<string>();
  return async () => {
    let offset: string | undefined;
    for (;;) {
      const page = await concur.listConnectionRequests({ offset, limit: 10 });
      for (const item of page.items) {
        if (used.has(item.id)) continue;
        used.add(item.id);
        if (await isPending(item.id)) return item;
      }
      if (!page.next) throw new Error('no unused Pending request left');
      offset = page.next.offset;
    }
  };
}
