import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { recordAuditEvent } from '@/lib/audit/store';
import { type Auth, createAuth, migrateAuth } from '@/lib/auth/better-auth';
import { loadAuthSecret } from '@/lib/auth/secret';
import { securePrivateDir, writePrivateFile } from '@/lib/data-dir';
import { createDb, type Db, migrateToLatest } from '@/lib/db';
import type { Env } from '@/lib/env';
import { log } from '@/lib/log';
import { addStaff, countStaff } from '@/lib/staff/store';

/**
 * DATA_DIR made private (or start-up stopped with a DataDirError), then our migrations and
 * Better Auth's: what a server process or `npm run staff` needs first.
 */
export async function openPreparedDatabase(env: Env): Promise<{ db: Db; auth: Auth }> {
  const tightened = securePrivateDir(env.dataDir);
  if (tightened.length > 0) {
    log.warn(
      { event: 'data-dir.tightened', dir: env.dataDir, paths: tightened },
      'DATA_DIR was open to other users: made the folder 0700 and its files 0600',
    );
  }
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
 * for the caller to hand over; it is stored only as a hash.
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

export const FIRST_ADMIN_PASSWORD_FILE = 'first-admin-password.txt';

/**
 * Hands the generated password to a person, once. On an interactive terminal it is printed
 * there. Anywhere else (a service, a container, CI) stdout goes to a log collector, so it is
 * written to a 0600 file in DATA_DIR instead, and only the file's path is logged.
 */
export function handOverFirstAdmin(
  admin: { email: string; password: string },
  where: { dataDir: string; isTerminal: boolean },
): void {
  if (where.isTerminal) {
    process.stdout.write(
      `\n  No staff yet: created the first admin.\n  Email: ${admin.email}\n  Password: ${admin.password}\n  (shown only this once; change it or add staff on the Staff page)\n\n`,
    );
    return;
  }
  const file = path.join(where.dataDir, FIRST_ADMIN_PASSWORD_FILE);
  const text = [
    `No staff yet: Connection Desk created the first admin on ${new Date().toISOString()}.`,
    `Email: ${admin.email}`,
    `Password: ${admin.password}`,
    'Sign in, change this password or add staff on the Staff page, then delete this file.',
    '',
  ].join('\n');
  try {
    writePrivateFile(file, text);
  } catch (error) {
    // The admin exists by now, so the next start creates none: say how to get in anyway.
    throw new Error(
      `Could not write the first admin's password to ${file} (${(error as NodeJS.ErrnoException).code ?? error}). ` +
        `Make DATA_DIR writable, or set a password with: npm run staff -- reset-password --email ${admin.email}`,
      { cause: error },
    );
  }
  log.warn(
    { event: 'first-admin.created', file },
    'No staff yet: created the first admin. Its email and password are in this file; delete it after the first sign-in',
  );
}
