import 'server-only';
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { log } from '@/lib/log';
import type { Permission } from '@/lib/roles';
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

/** A handler's way to say no (a rule, a conflict, a stale page): the user sees `error`. */
class Refusal extends Error {
  constructor(readonly failure: ActionFailure) {
    super(failure.error);
  }
}

/** Refuse from inside a handler. Refuse before writing anything: the handler stops here. */
export function refuse(error: string, fieldErrors?: Record<string, string>): never {
  throw new Refusal(
    fieldErrors ? { ok: false, code: 'invalid', error, fieldErrors } : { ok: false, code: 'failed', error },
  );
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fields;
}

/** An unforeseen failure: the detail goes to the log under a reference the user can quote. */
function unexpected(error: unknown, permission: Permission): ActionFailure {
  const reference = randomUUID().slice(0, 8);
  // The message only: a database error's other fields can quote the values it refused.
  const err = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  log.error({ event: 'action.failed', permission, reference, err }, 'a server action failed');
  return {
    ok: false,
    code: 'failed',
    error: `That did not work. Try again; if it keeps failing, give an administrator this reference: ${reference}.`,
  };
}

/**
 * A server action that checks, before anything else, that a staff member is signed in and
 * holds `permission`, then parses its input. Refusals change nothing and say what to do.
 */
export function staffAction<Schema extends z.ZodType, T>(options: {
  permission: Permission;
  input: Schema;
  /** Called by the page itself (polling, prefetching): it checks the session but never keeps it alive. */
  isBackground?: boolean;
  handler: (input: z.output<Schema>, context: StaffContext) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const context = await getStaffContext({ isBackground: options.isBackground });
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
    try {
      return { ok: true, data: await options.handler(parsed.data, context) };
    } catch (error) {
      if (error instanceof Refusal) return error.failure;
      // Next's own control flow (redirect, notFound) is not a failure.
      unstable_rethrow(error);
      return unexpected(error, options.permission);
    }
  };
}
