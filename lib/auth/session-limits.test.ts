import { describe, expect, it } from 'vitest';
import { ACTIVITY_RESOLUTION_MS, sessionStanding } from './session-limits';

const minutes = (n: number) => n * 60_000;
const limits = { idleTimeoutMs: minutes(30), maxSessionMs: minutes(12 * 60) };
const now = new Date('2026-03-02T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('a session', () => {
  it('holds while its last activity is within the idle limit, until that limit', () => {
    expect(sessionStanding({ createdAt: ago(minutes(60)), lastActiveAt: ago(minutes(29)) }, limits, now)).toEqual({
      isLive: true,
      endsAt: new Date(now.getTime() + minutes(1)),
      isActivityDue: true,
    });
  });

  it('ends as idle once the limit has passed, however recently it began', () => {
    expect(sessionStanding({ createdAt: ago(minutes(31)), lastActiveAt: ago(minutes(31)) }, limits, now)).toEqual({
      isLive: false,
      reason: 'idle',
    });
  });

  it('ends as expired past its maximum age, however active', () => {
    const times = { createdAt: ago(minutes(12 * 60) + 1), lastActiveAt: ago(1_000) };
    expect(sessionStanding(times, limits, now)).toEqual({ isLive: false, reason: 'expired' });
  });

  it('ends at its maximum age when that comes before the idle limit', () => {
    const times = { createdAt: ago(minutes(12 * 60 - 5)), lastActiveAt: ago(minutes(2)) };
    const standing = sessionStanding(times, limits, now);
    expect(standing).toMatchObject({ isLive: true, endsAt: new Date(now.getTime() + minutes(5)) });
  });

  it('writes new activity only when the last write is older than the resolution', () => {
    const recent = { createdAt: ago(minutes(10)), lastActiveAt: ago(ACTIVITY_RESOLUTION_MS - 1) };
    const older = { createdAt: ago(minutes(10)), lastActiveAt: ago(ACTIVITY_RESOLUTION_MS + 1) };
    expect(sessionStanding(recent, limits, now)).toMatchObject({ isActivityDue: false });
    expect(sessionStanding(older, limits, now)).toMatchObject({ isActivityDue: true });
  });
});
