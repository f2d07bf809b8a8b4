import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { recordAuditEvent } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { isTwoFactorRequired } from '@/lib/settings/store';
import { getAuth } from '.';
import { isRole, type Permission, permissionsOf, type Role } from './roles';

export type StaffContext = {
  staff: { id: string; name: string; email: string; role: Role | null };
  sessionId: string;
  hasTwoFactor: boolean;
  /** An admin requires two-factor sign-in and this account has not set it up: nothing else until it does. */
  mustEnrollTwoFactor: boolean;
  /** Empty while `mustEnrollTwoFactor`. */
  permissions: ReadonlySet<Permission>;
};

/** Activity is written at most this often, so reads do not turn every request into a write. */
const ACTIVITY_RESOLUTION_MS = 60_000;

async function endSession(sessionId: string, staffId: string, reason: 'idle' | 'expired'): Promise<void> {
  const db = await getDb();
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
  await recordAuditEvent(db, {
    actor: staffId,
    action: 'staff.session-ended',
    subjectType: 'staff',
    subjectId: staffId,
    detail: { reason },
  });
}

/**
 * The signed-in staff member of this request, or null. Computed once per request. Ends the
 * session when it has been idle too long or lived its maximum, and marks activity otherwise.
 */
export const getStaffContext = cache(async (): Promise<StaffContext | null> => {
  const auth = await getAuth();
  // Cookies as this request now has them: an action may have just replaced the session cookie
  // (turning on two-factor sign-in rotates the session), and the page re-rendered after it
  // must see the new one.
  const requestHeaders = new Headers(await headers());
  requestHeaders.set('cookie', (await cookies()).toString());
  const found = await auth.api.getSession({ headers: requestHeaders });
  if (!found || found.user.banned) return null;
  const { session, user } = found;
  const { idleTimeoutMs, maxSessionMs } = getEnv().auth;
  const now = Date.now();
  const idleFor = now - new Date(session.updatedAt).getTime();
  if (idleFor > idleTimeoutMs || now - new Date(session.createdAt).getTime() > maxSessionMs) {
    await endSession(session.id, user.id, idleFor > idleTimeoutMs ? 'idle' : 'expired');
    return null;
  }
  const db = await getDb();
  if (idleFor > ACTIVITY_RESOLUTION_MS) {
    await db
      .updateTable('session')
      .set({ updatedAt: new Date(now).toISOString() })
      .where('id', '=', session.id)
      .execute();
  }
  const role = isRole(user.role) ? user.role : null;
  const hasTwoFactor = Boolean(user.twoFactorEnabled);
  const mustEnrollTwoFactor = !hasTwoFactor && (await isTwoFactorRequired(db));
  return {
    staff: { id: user.id, name: user.name, email: user.email, role },
    sessionId: session.id,
    hasTwoFactor,
    mustEnrollTwoFactor,
    permissions: mustEnrollTwoFactor ? new Set() : permissionsOf(role),
  };
});

/** For pages any signed-in staff member may open. */
export async function requireSignedIn(): Promise<StaffContext> {
  const context = await getStaffContext();
  if (!context) redirect('/sign-in');
  return context;
}

/** For pages: the staff member if allowed; otherwise off to sign in, or to the no-access page. */
export async function requirePagePermission(permission: Permission): Promise<StaffContext> {
  const context = await getStaffContext();
  if (!context) redirect('/sign-in');
  if (context.mustEnrollTwoFactor) redirect('/account');
  if (!context.permissions.has(permission)) redirect('/no-access');
  return context;
}
