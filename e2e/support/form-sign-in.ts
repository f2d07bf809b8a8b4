import { type APIRequestContext, request } from '@playwright/test';

/**
 * Sign-in as a browser without JavaScript sends it: the form's own fields (the server action's
 * reference among them), posted as multipart. Lets a test send many at once, from any address
 * a proxy on loopback would name in X-Forwarded-For. Each attempt is a browser of its own, with
 * no cookie from an earlier one.
 */

export type FormSignInOutcome = 'signed-in' | 'wrong' | 'locked' | `unexpected ${number}`;

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The hidden fields of the sign-in form, which name the server action. */
export async function signInFormFields(api: APIRequestContext): Promise<Record<string, string>> {
  const html = await (await api.get('/sign-in')).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const input of form.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields[decode(name)] = decode(/value="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  if (!Object.keys(fields).some((name) => name.startsWith('$ACTION'))) throw new Error('no server action in the form');
  return fields;
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
