import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { recordAuditEvent } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { isRole, type Permission, permissionsOf, type Role } from '@/lib/roles';
import { isTwoFactorRequired } from '@/lib/settings/store';
import { getAuth } from '.';
import { sessionStanding } from './session-limits';

export type StaffContext = {
  staff: { id: string; name: string; email: string; role: Role | null };
  sessionId: string;
  hasTwoFactor: boolean;
  /** An admin requires two-factor sign-in and this account has not set it up: nothing else until it does. */
  mustEnrollTwoFactor: boolean;
  /** Empty while `mustEnrollTwoFactor`. */
  permissions: ReadonlySet<Permission>;
};

/**
 * Whether a request is the person's own doing. Only their navigation and actions keep a session
 * from going idle; what a page does by itself (the list's refresh, prefetching, the session
 * check) is `isBackground`: it still ends an idle session, but never extends one.
 *
 * A page asking for its staff member is someone opening it: without partial prerendering, a Next
 * prefetch never renders a page (it stops at the nearest loading.tsx, or sends the route tree
 * alone), so pages count, and the root layout, which a prefetch may render, only checks. Next 16
 * hides the router's prefetch headers from `headers()`, so the request cannot say so itself.
 */
export type Activity = { isBackground?: boolean };

type LiveSession = { context: StaffContext; endsAt: Date; isActivityDue: boolean };

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

/** This request's session, read once per request; an idle or expired one is ended here. */
const loadSession = cache(async (): Promise<LiveSession | null> => {
  const auth = await getAuth();
  // Cookies as this request now has them: an action may have just replaced the session cookie
  // (turning on two-factor sign-in rotates the session), and the page re-rendered after it
  // must see the new one.
  const requestHeaders = new Headers(await headers());
  requestHeaders.set('cookie', (await cookies()).toString());
  const found = await auth.api.getSession({ headers: requestHeaders });
  if (!found || found.user.banned) return null;
  const { session, user } = found;
  const standing = sessionStanding(
    { createdAt: new Date(session.createdAt), lastActiveAt: new Date(session.updatedAt) },
    getEnv().auth,
    new Date(),
  );
  if (!standing.isLive) {
    await endSession(session.id, user.id, standing.reason);
    return null;
  }
  const role = isRole(user.role) ? user.role : null;
  const hasTwoFactor = Boolean(user.twoFactorEnabled);
  const mustEnrollTwoFactor = !hasTwoFactor && (await isTwoFactorRequired(await getDb()));
  const context: StaffContext = {
    staff: { id: user.id, name: user.name, email: user.email, role },
    sessionId: session.id,
    hasTwoFactor,
    mustEnrollTwoFactor,
    permissions: mustEnrollTwoFactor ? new Set() : permissionsOf(role),
  };
  return { context, endsAt: standing.endsAt, isActivityDue: standing.isActivityDue };
});

/** Once per request, however many callers count it as the person's. */
const recordActivity = cache(async (sessionId: string): Promise<void> => {
  const db = await getDb();
  await db.updateTable('session').set({ updatedAt: new Date().toISOString() }).where('id', '=', sessionId).execute();
});

/**
 * The signed-in staff member of this request, or null. Ends the session when it has been idle
 * too long or lived its maximum; a request that is the person's own marks their activity.
 */
export async function getStaffContext({ isBackground = false }: Activity = {}): Promise<StaffContext | null> {
  const live = await loadSession();
  if (!live) return null;
  if (!isBackground && live.isActivityDue) await recordActivity(live.context.sessionId);
  return live.context;
}

/** A duration rather than a time of day, so the browser's clock need not agree with ours. */
export type SessionStatus = { signedIn: true; endsInMs: number } | { signedIn: false };

/** For the open page's check: whether this browser is still signed in, and for how long. Never extends it. */
export async function getSessionStatus(): Promise<SessionStatus> {
  const live = await loadSession();
  return live ? { signedIn: true, endsInMs: Math.max(0, live.endsAt.getTime() - Date.now()) } : { signedIn: false };
}

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
