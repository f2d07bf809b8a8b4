import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit/store';
import { type Auth, createAuth, migrateAuth } from '@/lib/auth/better-auth';
import { loadAuthSecret } from '@/lib/auth/secret';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import type { Env } from '@/lib/env';
import { addStaff, countStaff } from '@/lib/staff/store';

/** Our migrations, then Better Auth's: what a server process or `npm run staff` needs first. */
export async function openPreparedDatabase(env: Env): Promise<{ db: Db; auth: Auth }> {
  const db = createDb(env.database);
  try {
    await migrateToLatest(db);
    await migrateAuth(db, env);
    return { db, auth: createAuth(db, env, await loadAuthSecret(db, env.auth.secret)) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

export const FIRST_ADMIN_EMAIL = 'admin@connection-desk.local';

/**
 * With no staff at all, create an admin so a fresh install can be used. The password is
 * generated (or taken from INITIAL_ADMIN_PASSWORD, for automated set-ups) and returned once
 * for the caller to print; it is stored only as a hash.
 */
export async function ensureFirstAdmin(
  db: Db,
  auth: Auth,
  initialPassword?: string,
): Promise<{ email: string; password: string } | null> {
  if ((await countStaff(db)) > 0) return null;
  const password = initialPassword || randomBytes(12).toString('base64url');
  let id: string;
  try {
    id = await addStaff(auth, { email: FIRST_ADMIN_EMAIL, name: 'First admin', role: 'admin', password });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if ((await countStaff(db)) > 0) return null;
    throw error;
  }
  await recordAuditEvent(db, {
    actor: null,
    action: 'staff.added',
    subjectType: 'staff',
    subjectId: id,
    detail: { role: 'admin', via: 'first-run' },
  });
  return { email: FIRST_ADMIN_EMAIL, password };
}
