export type SessionLimits = { idleTimeoutMs: number; maxSessionMs: number };

/** The session row's two times: when it began, and the last activity of the person holding it. */
export type SessionTimes = { createdAt: Date; lastActiveAt: Date };

export type SessionStanding =
  | { isLive: false; reason: 'idle' | 'expired' }
  | {
      isLive: true;
      /** When it ends unless the person acts before: its idle limit, or its maximum age if sooner. */
      endsAt: Date;
      /** A person's activity now should be written: the last write is older than the resolution. */
      isActivityDue: boolean;
    };

/** Activity is written at most this often, so reads do not turn every request into a write. */
export const ACTIVITY_RESOLUTION_MS = 60_000;

/** Whether a session still holds at `now`, and when it will stop holding. */
export function sessionStanding(times: SessionTimes, limits: SessionLimits, now: Date): SessionStanding {
  const idleFor = now.getTime() - times.lastActiveAt.getTime();
  if (idleFor > limits.idleTimeoutMs) return { isLive: false, reason: 'idle' };
  const maxEndsAt = times.createdAt.getTime() + limits.maxSessionMs;
  if (now.getTime() > maxEndsAt) return { isLive: false, reason: 'expired' };
  return {
    isLive: true,
    endsAt: new Date(Math.min(times.lastActiveAt.getTime() + limits.idleTimeoutMs, maxEndsAt)),
    isActivityDue: idleFor > ACTIVITY_RESOLUTION_MS,
  };
}
