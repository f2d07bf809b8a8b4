import type { PollStatus } from './schemas';

/**
 * A screen that asked for a poll (Refresh, Poll now) follows it: it reads the poll status again
 * every second until a poll has finished since it asked, for half a minute at most. Browser-safe.
 */

export const POLL_CHECK_MS = 1000;
export const POLL_FOLLOW_MS = 30_000;

/** Where polling stood when a screen asked: a poll finished after it moves one of these. */
export type PollMark = { lastPolledAt: string | null; lastFailureAt: string | null };

export function pollMark(poll: PollStatus | null): PollMark {
  return { lastPolledAt: poll?.lastPolledAt ?? null, lastFailureAt: poll?.lastFailure?.at ?? null };
}

/** A poll was asked for or is walking the queue, and Concur has not asked us to wait. */
export function isPollUnderway(poll: PollStatus): boolean {
  return poll.pausedUntil === null && (poll.isRequested || poll.isRunning);
}

/**
 * Whether following can stop: a poll finished (well or not) since `mark`, or none will come
 * soon because Concur asked us to wait.
 */
export function hasPollAnswered(poll: PollStatus, mark: PollMark): boolean {
  if (poll.pausedUntil !== null) return true;
  if (isPollUnderway(poll)) return false;
  return poll.lastPolledAt !== mark.lastPolledAt || (poll.lastFailure?.at ?? null) !== mark.lastFailureAt;
}
