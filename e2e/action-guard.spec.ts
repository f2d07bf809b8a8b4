import { type APIRequestContext, expect, test } from '@playwright/test';
import type { Db } from '@/lib/db';
import { type Permission, permissionsOf } from '@/lib/roles';
import { serverActionsInBuild } from '@/scripts/lib/action-manifest';
import { serverActionRequest } from '@/scripts/lib/server-action';
import { withServerDb } from './support/database';
import { signIn } from './support/staff';

/**
 * Every server action in the build, called directly (a POST with the Next-Action header, as
 * an attacker would), with no session and with a role below the one it needs: refused, and
 * nothing in the database changes. A new action fails this test until it is classified here.
 */
const requirements: Record<string, 'public' | 'session' | Permission> = {
  'lib/auth/actions.ts#signIn': 'public',
  'lib/auth/actions.ts#verifyTwoFactor': 'public',
  'lib/auth/actions.ts#signInWithSso': 'public',
  'lib/auth/actions.ts#signOut': 'session',
  'lib/auth/actions.ts#signOutEverywhere': 'session',
  'lib/account/actions.ts#startTwoFactorSetup': 'session',
  'lib/account/actions.ts#confirmTwoFactorSetup': 'session',
  'lib/requests/actions.ts#listRequests': 'requests.read',
  'lib/requests/actions.ts#refreshRequests': 'requests.read',
  'lib/requests/actions.ts#pollNow': 'concur.poll',
  'lib/requests/actions.ts#readPollStatus': 'requests.read',
  'lib/requests/reveal.ts#revealRequestValue': 'requests.reveal',
  'lib/decisions/actions.ts#decideRequest': 'requests.decide',
  'lib/decisions/actions.ts#connectFullMatch': 'requests.decide',
  'lib/decisions/actions.ts#takeOverReview': 'requests.decide',
  'lib/decisions/actions.ts#resendDecision': 'requests.decide',
  'lib/connections/actions.ts#disconnectTraveller': 'connections.manage',
  'lib/connections/actions.ts#checkTravellerConnection': 'members.read',
  'lib/staff/actions.ts#addStaffMember': 'staff.manage',
  'lib/staff/actions.ts#changeStaffRole': 'staff.manage',
  'lib/staff/actions.ts#setStaffMemberDisabled': 'staff.manage',
  'lib/staff/actions.ts#resetStaffMemberPassword': 'staff.manage',
  'lib/staff/actions.ts#endStaffSession': 'staff.manage',
  'lib/staff/actions.ts#setTwoFactorRequirement': 'settings.manage',
  'lib/matcher/actions.ts#saveMatcherSettings': 'settings.manage',
  'lib/matcher/actions.ts#setAutoMatchPaused': 'settings.manage',
  'lib/matcher/actions.ts#cancelHeldDecision': 'requests.decide',
  'lib/matcher/actions.ts#sendHeldDecisionNow': 'requests.decide',
};

async function callAction(request: APIRequestContext, baseURL: string, id: string) {
  // Plausible arguments: an object for input-taking actions, then an empty form slot.
  const { headers, body } = serverActionRequest(
    id,
    [
      {
        staffId: 'x',
        role: 'admin',
        isDisabled: true,
        isRequired: true,
        sessionId: 'x',
        requestId: 'x',
        outcomeCode: 'CREU1',
        loaded: { status: 'Pending', lastModified: '2026-01-01T00:00:00' },
        memberId: 'M1',
        decisionId: '00000000-0000-4000-8000-000000000000',
        connectionId: '00000000-0000-4000-8000-000000000000',
        policy: 'auto',
        holdMinutes: 0,
        isEmailRuleOn: true,
        isAutoFailOn: true,
        isPaused: true,
      },
      {},
    ],
    baseURL,
  );
  const response = await request.post('/requests', { headers, data: body, maxRedirects: 0 });
  return {
    status: response.status(),
    body: await response.text(),
    redirect: response.headers()['x-action-redirect'] ?? '',
  };
}

async function snapshot(db: Db) {
  const count = async (
    table: 'audit_event' | 'user' | 'session' | 'app_setting' | 'decision' | 'request_claim' | 'traveller_connection',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const users = await db.selectFrom('user').select(['id', 'role', 'banned']).orderBy('id').execute();
  const settings = await db.selectFrom('app_setting').selectAll().orderBy('key').execute();
  return {
    audit: await count('audit_event'),
    sessions: await count('session'),
    decisions: await count('decision'),
    claims: await count('request_claim'),
    connections: await count('traveller_connection'),
    users,
    settings,
  };
}

// @alone: "nothing changes" compares whole tables, which any other journey's writes would change.
test.describe('every server action checks the session and the role itself @alone', () => {
  test('route handlers: health says nothing private; of the auth handler only the SSO callback exists', async ({
    request,
  }) => {
    const health = await request.get('/api/health');
    expect(Object.keys(await health.json()).sort()).toEqual(['concur', 'database', 'status']);
    for (const path of [
      '/api/auth/sign-in/email',
      '/api/auth/sign-up/email',
      '/api/auth/admin/list-users',
      '/api/auth/get-session',
    ]) {
      expect((await request.post(path, { data: {} })).status(), path).toBe(404);
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });

  test('each action in the build is classified', () => {
    expect(
      serverActionsInBuild()
        .map((a) => a.name)
        .sort(),
    ).toEqual(Object.keys(requirements).sort());
  });

  test('with no session: refused, nothing changes', async ({ request, baseURL }, testInfo) => {
    const before = await withServerDb(testInfo, snapshot);
    for (const action of serverActionsInBuild()) {
      if (requirements[action.name] === 'public') continue;
      const result = await callAction(request, baseURL ?? '', action.id);
      const isRefused =
        /unauthenticated|Your session has ended/.test(result.body) || result.redirect.includes('/sign-in');
      expect(isRefused, `${action.name} answered ${result.status}: ${result.body.slice(0, 200)}`).toBe(true);
    }
    expect(await withServerDb(testInfo, snapshot)).toEqual(before);
  });

  for (const role of ['viewer', 'agent'] as const) {
    test(`as ${role}: refused what the role may not do, nothing changes`, async ({ page, baseURL }, testInfo) => {
      await signIn(page, role);
      const allowed = permissionsOf(role);
      const before = await withServerDb(testInfo, snapshot);
      let refusedCount = 0;
      for (const action of serverActionsInBuild()) {
        const needs = requirements[action.name];
        if (needs === 'public' || needs === 'session' || needs === undefined || allowed.has(needs)) continue;
        const result = await callAction(page.request, baseURL ?? '', action.id);
        expect(result.body, `${action.name} as ${role}`).toContain('"code":"forbidden"');
        refusedCount += 1;
      }
      expect(refusedCount).toBeGreaterThan(0);
      const after = await withServerDb(testInfo, snapshot);
      // Signing in wrote its own audit event and session before the snapshot; nothing since.
      expect(after).toEqual(before);
    });
  }
});
