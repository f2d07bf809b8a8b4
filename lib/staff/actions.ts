'use server';

import { z } from 'zod';
import type { AuditAction } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { getAuth } from '@/lib/auth';
import { refuse, staffAction } from '@/lib/auth/action';
import { MAX_PASSWORD_LENGTH } from '@/lib/auth/password';
import type { StaffContext } from '@/lib/auth/session';
import { type Db, getDb } from '@/lib/db';
import { roles } from '@/lib/roles';
import { setTwoFactorRequired } from '@/lib/settings/store';
import {
  type Actor,
  disableRefusal,
  endSessionRefusal,
  passwordResetRefusal,
  roleChangeRefusal,
  twoFactorRequirementRefusal,
} from './rules';
import {
  addStaff,
  findStaffByEmail,
  listStaff,
  newStaffInput,
  resetStaffPassword,
  setStaffDisabled,
  setStaffRole,
  WeakPasswordError,
} from './store';

/**
 * What an admin changes on the staff page. Each change is checked against lib/staff/rules.ts
 * with the team as stored right now, written, audited, and then the page is re-rendered.
 */

const staffId = z.string().min(1).max(200);
const roleChangeInput = z.object({ staffId, role: z.enum(roles, { error: 'Choose viewer, agent or admin.' }) });
const disabledInput = z.object({ staffId, isDisabled: z.boolean() });
const passwordResetInput = z.object({ staffId, password: z.string().max(MAX_PASSWORD_LENGTH * 4) });
const endSessionInput = z.object({ sessionId: z.string().min(1).max(200) });
const twoFactorRequirementInput = z.object({ isRequired: z.boolean() });

const GONE = 'This staff member no longer exists. The list now shows the current staff.';
const DUPLICATE_EMAIL = 'Someone on the staff already has this email address. Use another one.';

const actorOf = (context: StaffContext): Actor => ({ staffId: context.staff.id, sessionId: context.sessionId });

/** The member and how many active admins there are, read together just before a change. */
async function loadTeam(db: Db, memberId: string) {
  const staff = await listStaff(db);
  return {
    member: staff.find((candidate) => candidate.id === memberId),
    activeAdminCount: staff.filter((candidate) => candidate.role === 'admin' && !candidate.isDisabled).length,
  };
}

async function audit(
  db: Db,
  context: StaffContext,
  action: AuditAction,
  memberId: string,
  detail: Record<string, string | boolean> = {},
) {
  await recordAuditEvent(db, { actor: context.staff.id, action, subjectType: 'staff', subjectId: memberId, detail });
}

export const addStaffMember = staffAction({
  permission: 'staff.manage',
  input: newStaffInput,
  handler: async (input, context): Promise<string> => {
    const [db, auth] = await Promise.all([getDb(), getAuth()]);
    const duplicate = () => refuse(DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
    if (await findStaffByEmail(db, input.email)) duplicate();
    let id: string;
    try {
      id = await addStaff(auth, input);
    } catch (error) {
      // Another admin may have added the same address a moment ago.
      if (await findStaffByEmail(db, input.email)) duplicate();
      throw error;
    }
    await audit(db, context, 'staff.added', id, { role: input.role });
    return id;
  },
});

export const changeStaffRole = staffAction({
  permission: 'staff.manage',
  input: roleChangeInput,
  handler: async ({ staffId, role }, context): Promise<null> => {
    const db = await getDb();
    const { member, activeAdminCount } = await loadTeam(db, staffId);
    if (!member) refuse(GONE);
    const refusal = roleChangeRefusal(actorOf(context), member, role, activeAdminCount);
    if (refusal) refuse(refusal);
    if (member.role === role) return null;
    await setStaffRole(db, staffId, role);
    await audit(db, context, 'staff.role-changed', staffId, { from: member.role ?? 'none', to: role });
    return null;
  },
});

export const setStaffMemberDisabled = staffAction({
  permission: 'staff.manage',
  input: disabledInput,
  handler: async ({ staffId, isDisabled }, context): Promise<null> => {
    const db = await getDb();
    const { member, activeAdminCount } = await loadTeam(db, staffId);
    if (!member) refuse(GONE);
    const refusal = isDisabled ? disableRefusal(actorOf(context), member, activeAdminCount) : null;
    if (refusal) refuse(refusal);
    if (member.isDisabled === isDisabled) return null;
    await setStaffDisabled(db, staffId, isDisabled);
    await audit(db, context, isDisabled ? 'staff.disabled' : 'staff.enabled', staffId);
    return null;
  },
});

export const resetStaffMemberPassword = staffAction({
  permission: 'staff.manage',
  input: passwordResetInput,
  handler: async ({ staffId, password }, context): Promise<null> => {
    const [db, auth] = await Promise.all([getDb(), getAuth()]);
    const { member } = await loadTeam(db, staffId);
    if (!member) refuse(GONE);
    const refusal = passwordResetRefusal(actorOf(context), member);
    if (refusal) refuse(refusal);
    try {
      await resetStaffPassword(auth, db, staffId, password);
    } catch (error) {
      // Judged against the member's own email and name, which are easy guesses for their password.
      if (error instanceof WeakPasswordError) refuse('Choose a stronger password.', { password: error.message });
      throw error;
    }
    await audit(db, context, 'staff.password-reset', staffId);
    return null;
  },
});

export const endStaffSession = staffAction({
  permission: 'staff.manage',
  input: endSessionInput,
  handler: async ({ sessionId }, context): Promise<null> => {
    const refusal = endSessionRefusal(actorOf(context), sessionId);
    if (refusal) refuse(refusal);
    const db = await getDb();
    const session = await db.selectFrom('session').select('userId').where('id', '=', sessionId).executeTakeFirst();
    if (!session) refuse('This session had already ended. The list now shows the sessions still active.');
    await db.deleteFrom('session').where('id', '=', sessionId).execute();
    await audit(db, context, 'staff.session-ended', session.userId, { by: 'admin' });
    return null;
  },
});

export const setTwoFactorRequirement = staffAction({
  permission: 'settings.manage',
  input: twoFactorRequirementInput,
  handler: async ({ isRequired }, context): Promise<null> => {
    const db = await getDb();
    const { member: actor } = await loadTeam(db, context.staff.id);
    const refusal = twoFactorRequirementRefusal(actor?.hasTwoFactor ?? false, isRequired);
    if (refusal) refuse(refusal);
    await setTwoFactorRequired(db, isRequired);
    await recordAuditEvent(db, {
      actor: context.staff.id,
      action: 'settings.two-factor-required',
      subjectType: 'setting',
      subjectId: 'auth.require-two-factor',
      detail: { isRequired },
    });
    return null;
  },
});
