'use client';

import { useEffect } from 'react';
import { z } from 'zod';
import { signInAgain } from './sign-in-again';

/** The longest an open page goes without asking whether its session still holds. */
const CHECK_EVERY_MS = 60_000;
/** Ask a moment after the session's end, so it has certainly passed on the server too. */
const AFTER_END_MS = 1_000;

const sessionStatus = z.union([
  z.object({ signedIn: z.literal(true), endsInMs: z.number().nonnegative() }),
  z.object({ signedIn: z.literal(false) }),
]);
type SessionStatus = z.infer<typeof sessionStatus>;

/** The wait before the next check: the usual interval, or just past the session's end if sooner. */
export function nextCheckDelay(status: SessionStatus | null): number {
  if (!status?.signedIn) return CHECK_EVERY_MS;
  return Math.min(CHECK_EVERY_MS, status.endsInMs + AFTER_END_MS);
}

async function askSession(): Promise<SessionStatus | null> {
  try {
    const response = await fetch('/api/session', { cache: 'no-store' });
    if (!response.ok) return null;
    const parsed = sessionStatus.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    // Offline, or the server restarting: the next check asks again.
    return null;
  }
}

/**
 * On every signed-in page. Once the session has ended (idle, signed out elsewhere, account
 * disabled), the page goes to sign-in by itself instead of staying on an unattended screen. It
 * asks every minute, when the session is due to end, and when the page is shown again; asking
 * is not activity, so it never keeps the session alive.
 */
export function SessionWatch() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isAsking = false;
    let isDone = false;
    const check = async () => {
      clearTimeout(timer);
      // A hidden page waits: being shown again asks at once.
      if (isAsking || isDone || document.visibilityState === 'hidden') return;
      isAsking = true;
      const status = await askSession();
      isAsking = false;
      if (isDone) return;
      if (status?.signedIn === false) {
        isDone = true;
        signInAgain();
        return;
      }
      timer = setTimeout(check, nextCheckDelay(status));
    };
    timer = setTimeout(check, CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      isDone = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, []);
  return null;
}
