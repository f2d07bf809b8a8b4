import 'server-only';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { type Db, getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { isTwoFactorRequired } from '@/lib/settings/store';
import { listStaff, type StaffMember } from './store';

export type StaffSession = {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  ipAddress: string | null;
  /** "Firefox on Windows": enough to recognise a device, without the whole user-agent string. */
  device: string;
  /** The session the viewing admin is using right now. */
  isCurrent: boolean;
};

export type StaffOverviewMember = StaffMember & { sessions: StaffSession[] };

export type StaffOverview = {
  members: StaffOverviewMember[];
  isTwoFactorRequired: boolean;
  /** Active staff who have not set up two-factor sign-in yet. */
  withoutTwoFactorCount: number;
  /** Whether the admin viewing the page has two-factor sign-in, which requiring it for all needs. */
  viewerHasTwoFactor: boolean;
  /** Told to the admin next to password fields; the rule itself lives in lib/auth/password. */
  minPasswordLength: number;
};

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
// iPhone and Android agents also name Mac OS X and Linux, so they are tried first.
const systems: [RegExp, string][] = [
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

function summarizeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Unknown browser';
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

const toIso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

/**
 * Sessions that still let someone in: not past their expiry and not idle beyond the timeout
 * (lib/auth/session.ts ends those on their next use), newest activity first.
 */
async function listActiveSessions(db: Db, currentSessionId: string): Promise<Map<string, StaffSession[]>> {
  const now = Date.now();
  const rows = await db
    .selectFrom('session')
    .select(['id', 'userId', 'createdAt', 'updatedAt', 'ipAddress', 'userAgent'])
    .where('expiresAt', '>', new Date(now).toISOString())
    .where('updatedAt', '>', new Date(now - getEnv().auth.idleTimeoutMs).toISOString())
    .orderBy('updatedAt', 'desc')
    .execute();
  const byStaff = new Map<string, StaffSession[]>();
  for (const row of rows) {
    const sessions = byStaff.get(row.userId) ?? [];
    sessions.push({
      id: row.id,
      createdAt: toIso(row.createdAt),
      lastActiveAt: toIso(row.updatedAt),
      ipAddress: row.ipAddress || null,
      device: summarizeUserAgent(row.userAgent),
      isCurrent: row.id === currentSessionId,
    });
    byStaff.set(row.userId, sessions);
  }
  return byStaff;
}

/** Everything the staff page shows, for the admin viewing it. */
export async function getStaffOverview(viewer: { staffId: string; sessionId: string }): Promise<StaffOverview> {
  const db = await getDb();
  const [staff, sessions, isRequired] = await Promise.all([
    listStaff(db),
    listActiveSessions(db, viewer.sessionId),
    isTwoFactorRequired(db),
  ]);
  return {
    members: staff.map((member) => ({ ...member, sessions: sessions.get(member.id) ?? [] })),
    isTwoFactorRequired: isRequired,
    withoutTwoFactorCount: staff.filter((member) => !member.isDisabled && !member.hasTwoFactor).length,
    viewerHasTwoFactor: staff.some((member) => member.id === viewer.staffId && member.hasTwoFactor),
    minPasswordLength: MIN_PASSWORD_LENGTH,
  };
}
