import type { Role } from '@/lib/roles';

/**
 * What the staff page refuses, so that a team cannot lock itself out by accident: an admin
 * does not demote or disable themself or end the session they are using, and the last active
 * admin stays an active admin. Each check returns the refusal in words for the acting admin,
 * or null when the change may go ahead.
 */

export type Actor = { staffId: string; sessionId: string };
/** The member as stored just before the change. */
export type Member = { id: string; role: string | null; isDisabled: boolean };

function isLastActiveAdmin(member: Member, activeAdminCount: number): boolean {
  return member.role === 'admin' && !member.isDisabled && activeAdminCount <= 1;
}

export function roleChangeRefusal(actor: Actor, member: Member, to: Role, activeAdminCount: number): string | null {
  if (member.role !== 'admin' || to === 'admin') return null;
  if (member.id === actor.staffId) return 'You cannot remove your own admin role. Ask another admin to do it.';
  if (isLastActiveAdmin(member, activeAdminCount)) {
    return 'This is the only active admin. Make someone else an admin first.';
  }
  return null;
}

export function disableRefusal(actor: Actor, member: Member, activeAdminCount: number): string | null {
  if (member.id === actor.staffId) return 'You cannot disable your own account. Ask another admin to do it.';
  if (isLastActiveAdmin(member, activeAdminCount)) {
    return 'This is the only active admin. Make someone else an admin first.';
  }
  return null;
}

export function endSessionRefusal(actor: Actor, sessionId: string): string | null {
  return sessionId === actor.sessionId ? 'This is the session you are using now. To end it, sign out.' : null;
}

export function passwordResetRefusal(actor: Actor, member: Member): string | null {
  // A reset ends every session of the account, the one in use included.
  return member.id === actor.staffId
    ? 'Resetting your own password here would end the session you are using. Ask another admin to reset it.'
    : null;
}

export function twoFactorRequirementRefusal(actorHasTwoFactor: boolean, isRequired: boolean): string | null {
  // Once required, an account without two-factor can do nothing until it sets it up.
  return isRequired && !actorHasTwoFactor
    ? 'Set up two-factor sign-in for your own account first; otherwise requiring it would stop your own work at once.'
    : null;
}
