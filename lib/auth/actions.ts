'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { AuditAction } from '@/lib/audit/describe';
import { recordAuditEvent } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { getAuth } from '.';
import { signInAccount } from './accounts';
import { OIDC_PROVIDER_ID } from './better-auth';
import { clientAddress, LOCKED_OUT, reserveSignInAttempt, settleSignInSuccess } from './lockout';
import { safeNextPath } from './next-path';
import { getStaffContext } from './session';

/** `email` comes back so the form can keep what was typed after a failed attempt. */
export type SignInState = { step: 'password' | 'two-factor'; error: string | null; email?: string };

const WRONG = 'Email or password is wrong, or the account is disabled.';

const signInInput = z.object({
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(256),
  /** The form's "keep me signed in on this device": otherwise the cookie ends with the browser session. */
  remember: z
    .literal('on')
    .optional()
    .transform((value) => value === 'on'),
});
const twoFactorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

async function audit(action: AuditAction, staffId: string | null, detail: Record<string, string> = {}) {
  await recordAuditEvent(await getDb(), { actor: staffId, action, subjectType: 'staff', subjectId: staffId, detail });
}

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse({
    email: form.get('email'),
    password: form.get('password'),
    remember: form.get('remember') ?? undefined,
  });
  if (!parsed.success) {
    const typed = form.get('email');
    return {
      step: 'password',
      error: 'Enter your email address and password.',
      email: typeof typed === 'string' ? typed.slice(0, 320) : '',
    };
  }
  const { email, password, remember } = parsed.data;
  const [db, auth, requestHeaders] = await Promise.all([getDb(), getAuth(), headers()]);
  const staff = await signInAccount(db, email);
  const reservation = await reserveSignInAttempt(db, {
    email,
    address: clientAddress(requestHeaders),
    staffId: staff?.id ?? null,
  });
  if (!reservation.ok) return { step: 'password', error: LOCKED_OUT, email };
  let result: Awaited<ReturnType<typeof auth.api.signInEmail>>;
  try {
    result = await auth.api.signInEmail({ body: { email, password, rememberMe: remember }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit('staff.sign-in-failed', staff?.id ?? null, {
      reason: staff ? (staff.isDisabled ? 'disabled' : 'wrong-password') : 'unknown-account',
    });
    return { step: 'password', error: WRONG, email };
  }
  await settleSignInSuccess(db, reservation.attemptId);
  if ('twoFactorRedirect' in result && result.twoFactorRedirect) return { step: 'two-factor', error: null };
  await audit('staff.signed-in', staff?.id ?? null, { method: 'password' });
  redirect(safeNextPath(form.get('next')));
}

export async function verifyTwoFactor(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = twoFactorInput.safeParse({ code: form.get('code') });
  if (!parsed.success) return { step: 'two-factor', error: 'Enter the 6-digit code from your authenticator app.' };
  const [db, auth, requestHeaders] = await Promise.all([getDb(), getAuth(), headers()]);
  // Better Auth allows a few codes per password sign-in; this also limits the address.
  const reservation = await reserveSignInAttempt(db, { email: null, address: clientAddress(requestHeaders) });
  if (!reservation.ok) return { step: 'two-factor', error: LOCKED_OUT };
  try {
    const result = await auth.api.verifyTOTP({ body: { code: parsed.data.code }, headers: requestHeaders });
    await settleSignInSuccess(db, reservation.attemptId);
    await audit('staff.signed-in', result.user.id, { method: 'password+totp' });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit('staff.sign-in-failed', null, { reason: 'wrong-totp' });
    return { step: 'two-factor', error: 'That code is wrong or has expired. Try the current one.' };
  }
  redirect(safeNextPath(form.get('next')));
}

/** Off to the configured OpenID Connect provider; it comes back to /api/auth/callback/oidc. */
export async function signInWithSso(form: FormData): Promise<void> {
  const [auth, requestHeaders] = await Promise.all([getAuth(), headers()]);
  const { url } = await auth.api.signInSocial({
    body: {
      provider: OIDC_PROVIDER_ID,
      callbackURL: safeNextPath(form.get('next')),
      errorCallbackURL: '/sign-in?sso=failed',
    },
    headers: requestHeaders,
  });
  if (!url) redirect('/sign-in?sso=failed');
  redirect(url);
}

export async function signOut(): Promise<void> {
  const context = await getStaffContext();
  const [auth, requestHeaders] = await Promise.all([getAuth(), headers()]);
  if (context) {
    await auth.api.signOut({ headers: requestHeaders });
    await audit('staff.signed-out', context.staff.id);
  }
  redirect('/sign-in');
}

/** Ends every session of the signed-in staff member, on every device. */
export async function signOutEverywhere(): Promise<void> {
  const context = await getStaffContext();
  if (context) {
    const db = await getDb();
    await db.deleteFrom('session').where('userId', '=', context.staff.id).execute();
    await audit('staff.signed-out', context.staff.id, { scope: 'everywhere' });
  }
  redirect('/sign-in');
}
