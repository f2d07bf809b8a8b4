import { type APIRequestContext, request } from '@playwright/test';
import { formActionFields } from '@/scripts/lib/server-action';

/**
 * Sign-in as a browser without JavaScript sends it: the form's own fields (the server action's
 * reference among them), posted as multipart. Lets a test send many at once, from any address
 * a proxy on loopback would name in X-Forwarded-For. Each attempt is a browser of its own, with
 * no cookie from an earlier one.
 */

export type FormSignInOutcome = 'signed-in' | 'wrong' | 'locked' | `unexpected ${number}`;

/** The hidden fields of the sign-in form, which name the server action. */
export async function signInFormFields(api: APIRequestContext): Promise<Record<string, string>> {
  return formActionFields(await (await api.get('/sign-in')).text());
}

export async function formSignIn(
  baseURL: string,
  fields: Record<string, string>,
  attempt: { email: string; password: string; forwardedFor?: string },
): Promise<FormSignInOutcome> {
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post('/sign-in', {
      multipart: { ...fields, email: attempt.email, password: attempt.password },
      headers: attempt.forwardedFor ? { 'X-Forwarded-For': attempt.forwardedFor } : {},
      maxRedirects: 0,
    });
    if (response.status() === 303 || response.status() === 307) return 'signed-in';
    const body = await response.text();
    if (body.includes('Too many failed attempts')) return 'locked';
    if (body.includes('Email or password is wrong')) return 'wrong';
    return `unexpected ${response.status()}`;
  } finally {
    await api.dispose();
  }
}

export function tally(outcomes: FormSignInOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}
