import { type BetterAuthOptions, betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { nextCookies } from 'better-auth/next-js';
import { admin, genericOAuth, twoFactor } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { recordAuditEvent } from '@/lib/audit/store';
import type { Db } from '@/lib/db';
import type { Env } from '@/lib/env';
import { allowedOrigins } from '@/lib/http/allowed-origins';
import { log } from '@/lib/log';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';

/**
 * Better Auth over the app's own database. Sign-up is closed: staff are added by an admin or
 * `npm run staff`. Session refresh is off, so a session lives at most SESSION_MAX_HOURS; the idle
 * timeout is ours (lib/auth/session.ts).
 */

const ac = createAccessControl(defaultStatements);
// Admins manage staff but may not impersonate them: every action must be someone's own.
const adminRole = ac.newRole({
  user: ['create', 'list', 'set-role', 'ban', 'set-password', 'get', 'update'],
  session: ['list', 'revoke', 'delete'],
});

export const OIDC_PROVIDER_ID = 'oidc';

/** Single sign-on through a generic OpenID Connect provider, when OIDC_* is configured. */
function ssoProviders(env: Env) {
  const oidc = env.auth.oidc;
  if (!oidc) return [];
  return [
    {
      providerId: OIDC_PROVIDER_ID,
      discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      scopes: ['openid', 'email', 'profile'],
      pkce: true,
      disableImplicitSignUp: true,
      disableSignUp: true,
    },
  ];
}

export function authOptions(db: Db, env: Env, secret: string) {
  const origin = new URL(env.auth.appUrl);
  return {
    appName: 'Connection Desk',
    baseURL: env.auth.appUrl,
    secret,
    database: { db, type: env.database.kind === 'postgres' ? 'postgres' : 'sqlite' },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: { expiresIn: Math.round(env.auth.maxSessionMs / 1000), disableSessionRefresh: true },
    advanced: {
      useSecureCookies: origin.protocol === 'https:',
      cookiePrefix: 'connection-desk',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    // Our own lockout (lib/auth/lockout.ts) guards sign-in per account and per address.
    rateLimit: { enabled: false },
    trustedOrigins: allowedOrigins(env),
    telemetry: { enabled: false },
    // Message only: Better Auth's extra arguments can carry emails.
    logger: { level: 'warn', log: (level, message) => log[level]({ component: 'better-auth' }, message) },
    databaseHooks: {
      session: {
        create: {
          // Password sign-ins are audited by the sign-in action; this catches single sign-on.
          after: async (session, context) => {
            if (!context?.path?.startsWith('/callback/')) return;
            await recordAuditEvent(db, {
              actor: session.userId,
              action: 'staff.signed-in',
              subjectType: 'staff',
              subjectId: session.userId,
              detail: { method: 'sso' },
            });
          },
        },
      },
    },
    // Single sign-on links to an existing staff account by its email; it never creates one.
    // Staff emails are entered by an admin, and the provider is trusted by configuration, so
    // the local address needs no separate verification.
    account: {
      accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID], requireLocalEmailVerified: false },
    },
    plugins: [
      admin({
        defaultRole: 'viewer',
        adminRoles: ['admin'],
        ac,
        roles: { admin: adminRole, agent: userAc, viewer: userAc },
      }),
      twoFactor({ issuer: 'Connection Desk' }),
      genericOAuth({ config: ssoProviders(env) }),
      nextCookies(),
    ],
  } satisfies BetterAuthOptions;
}

export function createAuth(db: Db, env: Env, secret: string) {
  return betterAuth(authOptions(db, env, secret));
}

export type Auth = ReturnType<typeof createAuth>;

/** Creates or extends Better Auth's tables (user, session, account, verification, twoFactor). */
export async function migrateAuth(db: Db, env: Env): Promise<void> {
  const { runMigrations } = await getMigrations(authOptions(db, env, 'migrations-need-no-secret'));
  await runMigrations();
}
