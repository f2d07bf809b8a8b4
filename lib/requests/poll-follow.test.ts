import { describe, expect, it } from 'vitest';
import { hasPollAnswered, isPollUnderway, pollMark } from './poll-follow';
import type { PollStatus } from './schemas';

const idle: PollStatus = {
  lastPolledAt: '2026-03-01T09:00:00.000Z',
  lastFailure: null,
  isRequested: false,
  isRunning: false,
  pausedUntil: null,
};

describe('following a poll a person asked for', () => {
  const asked = pollMark(idle);

  it('goes on while the poll is asked for or running', () => {
    expect(isPollUnderway({ ...idle, isRequested: true })).toBe(true);
    expect(isPollUnderway({ ...idle, isRunning: true })).toBe(true);
    expect(hasPollAnswered({ ...idle, isRequested: true }, asked)).toBe(false);
    expect(hasPollAnswered({ ...idle, isRunning: true }, asked)).toBe(false);
  });

  it('goes on between the request being taken and the walk being recorded', () => {
    expect(hasPollAnswered(idle, asked)).toBe(false);
  });

  it('stops once a poll finished after it asked, well or not', () => {
    expect(hasPollAnswered({ ...idle, lastPolledAt: '2026-03-01T09:00:05.000Z' }, asked)).toBe(true);
    const failure = {
      at: '2026-03-01T09:00:05.000Z',
      message: 'Concur is unavailable (HTTP 503).',
      correlationId: null,
    };
    expect(hasPollAnswered({ ...idle, lastFailure: failure }, asked)).toBe(true);
  });

  it('stops when Concur asked us to wait, though the poll is still asked for', () => {
    const paused = { ...idle, isRequested: true, pausedUntil: '2026-03-01T09:05:00.000Z' };
    expect(isPollUnderway(paused)).toBe(false);
    expect(hasPollAnswered(paused, asked)).toBe(true);
  });

  it('counts the first poll ever as an answer when none had been made', () => {
    const never = pollMark({ ...idle, lastPolledAt: null });
    expect(never).toEqual({ lastPolledAt: null, lastFailureAt: null });
    expect(hasPollAnswered(idle, never)).toBe(true);
  });
});
