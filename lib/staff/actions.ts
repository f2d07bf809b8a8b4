'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/store';
import { getAuth } from '@/lib/auth';
import { type ActionFailure, type ActionResult, staffAction } from '@/lib/auth/action';
import { staffPassword } from '@/lib/auth/password';
import { type Permission, roles } from '@/lib/auth/roles';
import type { StaffContext } from '@/lib/auth/session';
import { type Db, getDb } from '@/lib/db';
import { log } from '@/lib/log';
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
} from './store';

/**
 * What an admin changes on the staff page. Each change is checked against lib/staff/rules.ts
 * with the team as stored right now, written, audited, and then the page is re-rendered.
 */

const staffId = z.string().min(1).max(200);
const roleChangeInput = z.object({ staffId, role: z.enum(roles, { error: 'Choose viewer, agent or admin.' }) });
const disabledInput = z.object({ staffId, isDisabled: z.boolean() });
const passwordResetInput = z.object({ staffId, password: staffPassword });
const endSessionInput = z.object({ sessionId: z.string().min(1).max(200) });
const twoFactorRequirementInput = z.object({ isRequired: z.boolean() });

const GONE = 'This staff member no longer exists. The list now shows the current staff.';
const DUPLICATE_EMAIL = 'Someone on the staff already has this email address. Use another one.';

function refuse(error: string, fieldErrors?: Record<string, string>): ActionFailure {
  return fieldErrors ? { ok: false, code: 'invalid', error, fieldErrors } : { ok: false, code: 'failed', error };
}

function changed<T>(data: T): ActionResult<T> {
  revalidatePath('/staff');
  return { ok: true, data };
}

/** The page showed something that is no longer so: refuse, and show the page as it is now. */
function outdated(error: string): ActionFailure {
  revalidatePath('/staff');
  return refuse(error);
}

/**
 * staffAction answers for the session, the permission and the input's shape; a handler here
 * may still refuse (a rule, a duplicate email), so it returns a result of its own, passed on
 * as is. A failure nobody foresaw is logged under a reference the admin can quote.
 */
function staffChange<Schema extends z.ZodType, T>(options: {
  permission: Permission;
  input: Schema;
  handler: (input: z.output<Schema>, context: StaffContext) => Promise<ActionResult<T>>;
}): (input: unknown) => Promise<ActionResult<T>> {
  const action = staffAction(options);
  return async (input) => {
    try {
      const result = await action(input);
      return result.ok ? result.data : result;
    } catch (error) {
      // Next's own control flow (redirects and the like) is not a failure.
      unstable_rethrow(error);
      const reference = randomUUID().slice(0, 8);
      // The message only: a database error's other fields can quote the values it refused.
      const err = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log.error({ event: 'staff.change.failed', reference, err }, 'a staff page change failed');
      return refuse(
        `The change could not be saved. Try again; if it keeps failing, give an administrator this reference: ${reference}.`,
      );
    }
  };
}

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
  action: string,
  memberId: string,
  detail: Record<string, string | boolean> = {},
) {
  await recordAuditEvent(db, { actor: context.staff.id, action, subjectType: 'staff', subjectId: memberId, detail });
}

export const addStaffMember = staffChange({
  permission: 'staff.manage',
  input: newStaffInput,
  handler: async (input, context): Promise<ActionResult<string>> => {
    const [db, auth] = await Promise.all([getDb(), getAuth()]);
    const duplicate = refuse(DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
    if (await findStaffByEmail(db, input.email)) return duplicate;
    let id: string;
    try {
      id = await addStaff(auth, input);
    } catch (error) {
      // Another admin may have added the same address a moment ago.
      if (await findStaffByEmail(db, input.email)) return duplicate;
      throw error;
    }
    await audit(db, context, 'staff.added', id, { role: input.role });
    return changed(id);
  },
});

export const changeStaffRole = staffChange({
  permission: 'staff.manage',
  input: roleChangeInput,
  handler: async ({ staffId, role }, context): Promise<ActionResult<null>> => {
    const db = await getDb();
    const { member, activeAdminCount } = await loadTeam(db, staffId);
    if (!member) return outdated(GONE);
    const refusal = roleChangeRefusal(actorOf(context), member, role, activeAdminCount);
    if (refusal) return refuse(refusal);
    if (member.role === role) return changed(null);
    await setStaffRole(db, staffId, role);
    await audit(db, context, 'staff.role-changed', staffId, { from: member.role ?? 'none', to: role });
    return changed(null);
  },
});

export const setStaffMemberDisabled = staffChange({
  permission: 'staff.manage',
  input: disabledInput,
  handler: async ({ staffId, isDisabled }, context): Promise<ActionResult<null>> => {
    const db = await getDb();
    const { member, activeAdminCount } = await loadTeam(db, staffId);
    if (!member) return outdated(GONE);
    const refusal = isDisabled ? disableRefusal(actorOf(context), member, activeAdminCount) : null;
    if (refusal) return refuse(refusal);
    if (member.isDisabled === isDisabled) return changed(null);
    await setStaffDisabled(db, staffId, isDisabled);
    await audit(db, context, isDisabled ? 'staff.disabled' : 'staff.enabled', staffId);
    return changed(null);
  },
});

export const resetStaffMemberPassword = staffChange({
  permission: 'staff.manage',
  input: passwordResetInput,
  handler: async ({ staffId, password }, context): Promise<ActionResult<null>> => {
    const [db, auth] = await Promise.all([getDb(), getAuth()]);
    const { member } = await loadTeam(db, staffId);
    if (!member) return outdated(GONE);
    const refusal = passwordResetRefusal(actorOf(context), member);
    if (refusal) return refuse(refusal);
    await resetStaffPassword(auth, db, staffId, password);
    await audit(db, context, 'staff.password-reset', staffId);
    return changed(null);
  },
});

export const endStaffSession = staffChange({
  permission: 'staff.manage',
  input: endSessionInput,
  handler: async ({ sessionId }, context): Promise<ActionResult<null>> => {
    const refusal = endSessionRefusal(actorOf(context), sessionId);
    if (refusal) return refuse(refusal);
    const db = await getDb();
    const session = await db.selectFrom('session').select('userId').where('id', '=', sessionId).executeTakeFirst();
    if (!session) return outdated('This session had already ended. The list now shows the sessions still active.');
    await db.deleteFrom('session').where('id', '=', sessionId).execute();
    await audit(db, context, 'staff.session-ended', session.userId, { by: 'admin' });
    return changed(null);
  },
});

export const setTwoFactorRequirement = staffChange({
  permission: 'settings.manage',
  input: twoFactorRequirementInput,
  handler: async ({ isRequired }, context): Promise<ActionResult<null>> => {
    const db = await getDb();
    const { member: actor } = await loadTeam(db, context.staff.id);
    const refusal = twoFactorRequirementRefusal(actor?.hasTwoFactor ?? false, isRequired);
    if (refusal) return refuse(refusal);
    await setTwoFactorRequired(db, isRequired);
    await recordAuditEvent(db, {
      actor: context.staff.id,
      action: 'settings.two-factor-required',
      subjectType: 'setting',
      subjectId: 'auth.require-two-factor',
      detail: { isRequired },
    });
    return changed(null);
  },
});
