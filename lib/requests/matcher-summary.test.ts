import { describe, expect, it } from 'vitest';
import type { MatcherView } from '@/lib/matcher/queries';
import {
  cancelLabel,
  countdownText,
  heldLabel,
  heldSentence,
  matcherAction,
  overrideNote,
  toMatcherSummary,
} from './matcher-summary';

const connectView: MatcherView = {
  verdict: 'connect',
  rule: 'last-loyalty',
  label: 'Last name and loyalty number',
  reason: null,
  memberId: 'M100040',
  outcomeCode: 'CRSUC',
  evaluatedAt: '2026-03-01T09:00:00.000Z',
  candidateCount: 1,
  held: null,
  turnedDown: null,
};

const held = {
  decisionId: '6f1c2a3e-0000-4000-8000-000000000001',
  holdUntil: '2026-03-01T09:30:00.000Z',
  outcomeCode: 'CRSUC' as const,
  memberId: 'M100040',
};

const shadow = { policy: 'shadow' as const, pause: null };
const auto = { policy: 'auto' as const, pause: null };
const paused = {
  policy: 'auto' as const,
  pause: { at: '2026-03-01T09:10:00.000Z', by: 'staff-1', reason: 'Paused by a person.', isSelf: false },
};

describe('what the screens show of the matcher', () => {
  it('shows nothing for a request it never judged, or once it is off', () => {
    expect(toMatcherSummary(undefined, shadow)).toBeNull();
    expect(toMatcherSummary(connectView, { policy: 'off', pause: null })).toBeNull();
  });

  it('shows a held decision with its hold end and rule, whatever the policy', () => {
    const summary = toMatcherSummary({ ...connectView, held }, auto);
    expect(summary).toEqual({
      kind: 'held',
      decisionId: held.decisionId,
      holdUntil: held.holdUntil,
      outcomeCode: 'CRSUC',
      memberId: 'M100040',
      ruleLabel: 'Last name and loyalty number',
      isPaused: false,
    });
    expect(toMatcherSummary({ ...connectView, held }, { policy: 'off', pause: null })?.kind).toBe('held');
  });

  it('says a held decision waits while the matcher is paused', () => {
    expect(toMatcherSummary({ ...connectView, held }, paused)).toMatchObject({ kind: 'held', isPaused: true });
  });

  it('shows what it would do where a rule covers the request and nothing is held', () => {
    expect(toMatcherSummary(connectView, shadow)).toEqual({
      kind: 'would',
      outcomeCode: 'CRSUC',
      memberId: 'M100040',
      ruleLabel: 'Last name and loyalty number',
    });
  });

  it('gives the reason of an exception, a cancelled decision included', () => {
    const exception: MatcherView = {
      ...connectView,
      verdict: 'exception',
      rule: null,
      reason: 'several-candidates',
      label: 'Several candidates',
      memberId: null,
      outcomeCode: null,
    };
    expect(toMatcherSummary(exception, shadow)).toEqual({ kind: 'exception', label: 'Several candidates' });
    const cancelled: MatcherView = {
      ...connectView,
      verdict: 'exception',
      reason: 'cancelled',
      label: 'Auto-connect cancelled',
      turnedDown: { state: 'cancelled', byId: 'staff-1', at: '2026-03-01T09:05:00.000Z' },
    };
    expect(toMatcherSummary(cancelled, auto)).toEqual({ kind: 'exception', label: 'Auto-connect cancelled' });
  });

  it('says a person overrode it rather than calling the request an exception', () => {
    const overridden: MatcherView = {
      ...connectView,
      verdict: 'exception',
      reason: 'cancelled',
      label: 'Auto-connect cancelled',
      turnedDown: { state: 'overridden', byId: 'staff-1', at: '2026-03-01T09:05:00.000Z' },
    };
    expect(toMatcherSummary(overridden, auto)).toEqual({ kind: 'overridden' });
  });
});

describe('the words for the matcher’s decision', () => {
  const connect = { outcomeCode: 'CRSUC' as const, memberId: 'M100040' };
  const fail = { outcomeCode: 'CREU1' as const, memberId: null };

  it('names the member of a connect and the code of a fail', () => {
    expect(heldLabel(connect)).toBe('Auto-connect to M100040');
    expect(heldLabel(fail)).toBe('Auto-fail (CREU1)');
    expect(matcherAction(connect)).toBe('connect to M100040');
    expect(matcherAction(fail)).toBe('fail with CREU1');
    expect(heldSentence(connect)).toBe('Auto-match will connect this request to M100040');
    expect(heldSentence(fail)).toBe('Auto-match will fail this request with CREU1');
  });

  it('names the button and the override after what they end', () => {
    expect(cancelLabel(connect)).toBe('Cancel auto-connect');
    expect(cancelLabel(fail)).toBe('Cancel auto-fail');
    expect(overrideNote(connect)).toBe("This overrides Auto-match's connect to M100040.");
    expect(overrideNote(fail)).toBe("This overrides Auto-match's fail with CREU1.");
  });
});

describe('the countdown to the end of a hold', () => {
  it('counts minutes and seconds, then seconds alone, rounding up', () => {
    expect(countdownText(30 * 60_000)).toBe('30 min 00 s');
    expect(countdownText(4 * 60_000 + 5_000)).toBe('4 min 05 s');
    expect(countdownText(44_200)).toBe('45 s');
    expect(countdownText(1)).toBe('1 s');
  });

  it('counts hours and minutes for a long hold', () => {
    expect(countdownText(2 * 3_600_000 + 7 * 60_000)).toBe('2 h 07 min');
  });

  it('has nothing to count once the hold ended', () => {
    expect(countdownText(0)).toBeNull();
    expect(countdownText(-5000)).toBeNull();
  });
});
