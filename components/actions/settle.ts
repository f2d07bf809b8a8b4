import { signInAgain } from '@/components/auth/sign-in-again';
import type { ActionFailure, ActionResult } from '@/lib/auth/action';

/** The one wording for a call the server never answered (offline, restarting, timed out). */
export const UNANSWERED = 'The server did not answer. Check your connection, then try again.';

/** How a call of a server action ended, as the screen needs to tell it apart. */
export type Settled<T> =
  | { kind: 'done'; data: T }
  /** Refused (a rule, a stale page, bad input) or unanswered: `error` says what to do. */
  | { kind: 'failed'; failure: ShownFailure }
  /** The session had ended: the page is already on its way to sign-in, and back here after. */
  | { kind: 'signed-out'; error: string };

export type ShownFailure = {
  code: Exclude<ActionFailure['code'], 'unauthenticated'> | 'unanswered';
  error: string;
  fieldErrors: Record<string, string>;
};

/**
 * Calls a server action once. A session that ended meanwhile (idle, signed out elsewhere,
 * account disabled) can only be mended by signing in again, so that happens here, for every
 * caller, with the way back to this page.
 */
export async function settle<Input, T>(
  action: (input: Input) => Promise<ActionResult<T>>,
  input: Input,
  { unanswered = UNANSWERED }: { unanswered?: string } = {},
): Promise<Settled<T>> {
  let result: ActionResult<T>;
  try {
    result = await action(input);
  } catch {
    return { kind: 'failed', failure: { code: 'unanswered', error: unanswered, fieldErrors: {} } };
  }
  if (result.ok) return { kind: 'done', data: result.data };
  if (result.code === 'unauthenticated') {
    // A prefetch on the server has no page to leave; the page itself sends the person to sign in.
    if (typeof window !== 'undefined') signInAgain();
    return { kind: 'signed-out', error: result.error };
  }
  return { kind: 'failed', failure: { code: result.code, error: result.error, fieldErrors: result.fieldErrors ?? {} } };
}
