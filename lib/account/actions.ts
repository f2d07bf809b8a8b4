'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AuditAction } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { getAuth } from '@/lib/auth';
import { refusals } from '@/lib/auth/action';
import { clientAddress, LOCKED_OUT, reserveSignInAttempt, settleSignInSuccess } from '@/lib/auth/lockout';
import { getStaffContext } from '@/lib/auth/session';
import { getDb } from '@/lib/db';

/**
 * The signed-in staff member's own two-factor sign-in. These need only a session, not a
 * permission: everyone may protect their own account.
 */

/** `isSignedOut`: the session ended under the open page; only signing in again helps. */
export type TwoFactorSetupState =
  | { step: 'start'; error: string | null; isSignedOut?: boolean }
  | { step: 'confirm'; error: null; qrSvg: string; secret: string; backupCodes: string[] };

export type TwoFactorConfirmState = { isDone: boolean; error: string | null; isSignedOut?: boolean };

const passwordInput = z.object({ password: z.string().min(1).max(256) });
const codeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

async function audit(staffId: string, action: AuditAction, detail: Record<string, string> = {}) {
  await recordAuditEvent(await getDb(), { actor: staffId, action, subjectType: 'staff', subjectId: staffId, detail });
}

/**
 * Step 1: the password again, then a new TOTP secret to scan. Not on until a code confirms it.
 * The password check counts toward the sign-in lockout: a stolen session cannot guess with it.
 */
export async function startTwoFactorSetup(
  _previous: TwoFactorSetupState,
  form: FormData,
): Promise<TwoFactorSetupState> {
  const context = await getStaffContext();
  if (!context) return { step: 'start', error: refusals.unauthenticated.error, isSignedOut: true };
  const parsed = passwordInput.safeParse({ password: form.get('password') });
  if (!parsed.success) return { step: 'start', error: 'Enter your password.' };
  const [db, auth, requestHeaders] = await Promise.all([getDb(), getAuth(), headers()]);
  const reservation = await reserveSignInAttempt(db, {
    email: context.staff.email,
    address: clientAddress(requestHeaders),
    staffId: context.staff.id,
  });
  if (!reservation.ok) return { step: 'start', error: LOCKED_OUT };
  try {
    const enabled = await auth.api.enableTwoFactor({
      body: { password: parsed.data.password, method: 'totp' },
      headers: requestHeaders,
    });
    await settleSignInSuccess(db, reservation.attemptId);
    if (enabled.method !== 'totp') throw new Error('expected a TOTP set-up');
    const { totpURI, backupCodes } = enabled;
    const secret = new URL(totpURI).searchParams.get('secret') ?? '';
    const qrSvg = await QRCode.toString(totpURI, { type: 'svg', margin: 1 });
    return { step: 'confirm', error: null, qrSvg, secret, backupCodes };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit(context.staff.id, 'staff.password-check-failed', { form: 'two-factor-setup' });
    return { step: 'start', error: 'That password is wrong.' };
  }
}

/** Step 2: a code from the app proves it was set up; from now on sign-in asks for one. */
export async function confirmTwoFactorSetup(
  _previous: TwoFactorConfirmState,
  form: FormData,
): Promise<TwoFactorConfirmState> {
  const context = await getStaffContext();
  if (!context) return { isDone: false, error: refusals.unauthenticated.error, isSignedOut: true };
  const parsed = codeInput.safeParse({ code: form.get('code') });
  if (!parsed.success) return { isDone: false, error: 'Enter the 6-digit code from your authenticator app.' };
  const [auth, requestHeaders] = await Promise.all([getAuth(), headers()]);
  try {
    await auth.api.verifyTOTP({ body: { code: parsed.data.code }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    return { isDone: false, error: 'That code is wrong or has expired. Try the current one.' };
  }
  await audit(context.staff.id, 'staff.two-factor-enabled');
  return { isDone: true, error: null };
}
