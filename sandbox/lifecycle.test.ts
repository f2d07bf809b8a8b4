import { describe, expect, it } from 'vitest';
import { decideOutcome, isOpen, isRequestTokenValid, type LifecycleState, type OutcomeCode } from './lifecycle';

const HOUR = 3_600_000;
const pending: LifecycleState = { status: 'Pending', failureCount: 0, retryCount: 0, requeueAt: null, lastCode: null };

/** Applies `code` the way a requeue cycle would: PUT, then back to Pending when it is due. */
function cycle(state: LifecycleState, code: OutcomeCode, now: number) {
  const decision = decideOutcome(state, code, now);
  if (decision.kind !== 'apply') throw new Error(`expected ${code} to apply, got ${decision.kind}`);
  return decision;
}

describe('outcome codes', () => {
  it('CRSUC connects for good and notifies the traveller', () => {
    const decision = cycle(pending, 'CRSUC', 0);
    expect(decision.next).toMatchObject({ status: 'Connected', requeueAt: null, lastCode: 'CRSUC' });
    expect(decision.notification).toBe('connected');
  });

  it('CREU* fails with a notification, requeues after 24 h four times, and the fifth is final', () => {
    let state = pending;
    for (let n = 1; n <= 4; n += 1) {
      const decision = cycle(state, 'CREU2', n * 100);
      expect(decision.next).toMatchObject({ status: 'Failed', failureCount: n, requeueAt: n * 100 + 24 * HOUR });
      expect(decision.notification).toBe('failed');
      state = { ...decision.next, status: 'Pending', requeueAt: null, lastCode: null };
    }
    const fifth = cycle(state, 'CREU1', 999);
    expect(fifth.next).toMatchObject({ status: 'Failed', failureCount: 5, requeueAt: null });
    expect(isOpen(fifth.next)).toBe(false);
  });

  it('CRRET and the legacy CRPA codes retry after 1 h without a notification; the 49th retry fails for good', () => {
    let state: LifecycleState = { ...pending, status: 'Processing' };
    for (let n = 1; n <= 48; n += 1) {
      const decision = cycle(state, n % 2 ? 'CRRET' : 'CRPA1', 0);
      expect(decision.next).toMatchObject({ status: 'Retry', retryCount: n, requeueAt: HOUR });
      expect(decision.notification).toBeNull();
      state = { ...decision.next, status: 'Pending', requeueAt: null, lastCode: null };
    }
    expect(cycle(state, 'CRPA2', 0).next).toMatchObject({ status: 'Failed', retryCount: 49, requeueAt: null });
  });

  it('repeating the code that produced the state changes nothing; any other code is refused', () => {
    const failed = cycle(pending, 'CREU3', 0).next;
    expect(decideOutcome(failed, 'CREU3', 5)).toEqual({ kind: 'repeat' });
    expect(decideOutcome(failed, 'CREU1', 5)).toEqual({ kind: 'not-awaiting' });
    expect(decideOutcome(failed, 'CRSUC', 5)).toEqual({ kind: 'not-awaiting' });
    const connected = cycle(pending, 'CRSUC', 0).next;
    expect(decideOutcome(connected, 'CRSUC', 5)).toEqual({ kind: 'repeat' });
    // A seeded state nobody PUT has no code to repeat.
    expect(decideOutcome({ ...connected, lastCode: null }, 'CRSUC', 5)).toEqual({ kind: 'not-awaiting' });
  });
});

describe('open requests and request tokens', () => {
  it('counts Pending, Processing, Retry and Failed-awaiting-requeue as open', () => {
    expect(isOpen({ status: 'Pending', requeueAt: null })).toBe(true);
    expect(isOpen({ status: 'Processing', requeueAt: null })).toBe(true);
    expect(isOpen({ status: 'Retry', requeueAt: 1 })).toBe(true);
    expect(isOpen({ status: 'Failed', requeueAt: 1 })).toBe(true);
    expect(isOpen({ status: 'Failed', requeueAt: null })).toBe(false);
    expect(isOpen({ status: 'Connected', requeueAt: null })).toBe(false);
  });

  it('keeps a request token valid for less than 24 h', () => {
    expect(isRequestTokenValid(null, 0)).toBe(false);
    expect(isRequestTokenValid(0, 24 * HOUR - 1)).toBe(true);
    expect(isRequestTokenValid(0, 24 * HOUR)).toBe(false);
  });
});
