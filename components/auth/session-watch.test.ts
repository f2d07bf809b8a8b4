import { describe, expect, it } from 'vitest';
import { nextCheckDelay } from './session-watch';

describe('the open page asks about its session', () => {
  it('every minute while the session has longer to run', () => {
    expect(nextCheckDelay({ signedIn: true, endsInMs: 29 * 60_000 })).toBe(60_000);
  });

  it('just after the session is due to end, when that is sooner', () => {
    expect(nextCheckDelay({ signedIn: true, endsInMs: 20_000 })).toBe(21_000);
    expect(nextCheckDelay({ signedIn: true, endsInMs: 0 })).toBe(1_000);
  });

  it('again in a minute when it could not tell', () => {
    expect(nextCheckDelay(null)).toBe(60_000);
  });
});
