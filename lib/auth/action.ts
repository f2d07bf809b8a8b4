import 'server-only';
import type { z } from 'zod';
import type { Permission } from './roles';
import { getStaffContext, type StaffContext } from './session';

export type ActionFailure = {
  ok: false;
  code: 'unauthenticated' | 'forbidden' | 'invalid' | 'failed';
  /** What the user can do about it. */
  error: string;
  fieldErrors?: Record<string, string>;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export const refusals = {
  unauthenticated: { ok: false, code: 'unauthenticated', error: 'Your session has ended. Sign in again.' },
  forbidden: { ok: false, code: 'forbidden', error: 'Your role does not allow this. Ask an admin if you need it.' },
  twoFactorFirst: {
    ok: false,
    code: 'forbidden',
    error: 'Your team requires two-factor sign-in: set it up on your account page first.',
  },
} as const satisfies Record<string, ActionFailure>;

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fields;
}

/**
 * A server action that checks, before anything else, that a staff member is signed in and
 * holds `permission`, then parses its input. Refusals change nothing and say what to do.
 */
export function staffAction<Schema extends z.ZodType, T>(options: {
  permission: Permission;
  input: Schema;
  handler: (input: z.output<Schema>, context: StaffContext) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const context = await getStaffContext();
    if (!context) return refusals.unauthenticated;
    if (context.mustEnrollTwoFactor) return refusals.twoFactorFirst;
    if (!context.permissions.has(options.permission)) return refusals.forbidden;
    const parsed = options.input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        code: 'invalid',
        error: 'Some of what was sent is not valid.',
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    return { ok: true, data: await options.handler(parsed.data, context) };
  };
}
