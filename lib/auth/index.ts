import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { type Auth, createAuth, migrateAuth } from './better-auth';
import { loadAuthSecret } from './secret';

const globalForAuth = globalThis as unknown as { connectionDeskAuth?: Promise<Auth> };

/** Better Auth for this process, its tables migrated on first use. A failed start is retried next call. */
export function getAuth(): Promise<Auth> {
  if (!globalForAuth.connectionDeskAuth) {
    const pending = (async () => {
      const env = getEnv();
      const db = await getDb();
      await migrateAuth(db, env);
      return createAuth(db, env, await loadAuthSecret(db, env.auth.secret));
    })();
    pending.catch(() => {
      if (globalForAuth.connectionDeskAuth === pending) globalForAuth.connectionDeskAuth = undefined;
    });
    globalForAuth.connectionDeskAuth = pending;
  }
  return globalForAuth.connectionDeskAuth;
}
