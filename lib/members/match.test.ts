import { describe, expect, it } from 'vitest';
import type { Member } from './directory';
import { type Candidate, type MatchRequest, rankCandidates, suggestOutcome } from './match';

const request = (fields: Partial<MatchRequest> = {}): MatchRequest => ({
  firstName: 'Robert',
  middleName: null,
  lastName: 'García-López',
  loyaltyNumber: '0012345678',
  emails: ['robert.garcia@example.com'],
  ...fields,
});

const member = (id: string, fields: Partial<Member> = {}): Member => ({
  id,
  firstName: 'Robert',
  middleName: null,
  lastName: 'García-López',
  loyaltyNumber: '0012345678',
  emails: ['robert.garcia@example.com'],
  ...fields,
});

const row = (candidate: Candidate | undefined, field: string) =>
  candidate?.comparison.find((comparison) => comparison.field === field);

describe('ranking members against a connection request', () => {
  it('connects a nickname: Bob for Robert is still last name + loyalty number', () => {
    const req = request({ emails: [] });
    const [top] = rankCandidates(req, [member('M1', { firstName: 'Bob', emails: [] })]);
    expect(top?.label).toBe('+LAST +LOYALTY');
    expect(top?.suggestedOutcome).toBe('CRSUC');
    expect(row(top, 'firstName')).toMatchObject({ verdict: 'differs', isContextOnly: true });
    expect(suggestOutcome(top ? [top] : [], req)).toMatchObject({ outcome: 'CRSUC', memberId: 'M1' });
  });

  it('sees through diacritics, hyphens and spacing in last names, and says they are written differently', () => {
    const req = request({ lastName: 'García-López' });
    const [top] = rankCandidates(req, [member('M1', { lastName: 'Garcia Lopez' })]);
    expect(top?.label).toBe('+LAST +LOYALTY +EMAIL');
    expect(row(top, 'lastName')).toMatchObject({ verdict: 'same', hint: 'written-differently', isContextOnly: false });
    const [muller] = rankCandidates(request({ lastName: 'Müller' }), [member('M2', { lastName: 'Muller' })]);
    expect(muller?.keys).toEqual({ lastName: true, loyaltyNumber: true, email: true });
  });

  it('does not connect on a transposed digit: same person by email, but the number needs attention', () => {
    const req = request({ loyaltyNumber: '0012345678' });
    const [top] = rankCandidates(req, [member('M1', { loyaltyNumber: '0012354678' })]);
    expect(top?.label).toBe('+LAST +EMAIL');
    expect(top?.suggestedOutcome).toBe('CREU3');
    expect(row(top, 'loyaltyNumber')).toMatchObject({ verdict: 'differs', hint: 'digits-swapped' });
    const suggestion = suggestOutcome(top ? [top] : [], req);
    expect(suggestion).toMatchObject({ outcome: 'CREU3', memberId: null });
    expect(suggestion.reason).toContain('swapped');
  });

  it('treats leading zeros as part of the number', () => {
    const req = request({ loyaltyNumber: '0012345678' });
    const [top] = rankCandidates(req, [member('M1', { loyaltyNumber: '12345678' })]);
    expect(top?.keys.loyaltyNumber).toBe(false);
    expect(row(top, 'loyaltyNumber')).toMatchObject({ verdict: 'differs', hint: 'leading-zeros' });
    expect(top?.suggestedOutcome).toBe('CREU3');
  });

  it('connects on last name + email when the request has no loyalty number, or the member has none', () => {
    const noNumber = request({ loyaltyNumber: null });
    const [byEmail] = rankCandidates(noNumber, [member('M1')]);
    expect(byEmail?.label).toBe('+LAST +EMAIL');
    expect(suggestOutcome(byEmail ? [byEmail] : [], noNumber)).toMatchObject({ outcome: 'CRSUC', memberId: 'M1' });
    const [memberWithout] = rankCandidates(request(), [member('M2', { loyaltyNumber: null })]);
    expect(memberWithout?.suggestedOutcome).toBe('CRSUC');
    expect(row(memberWithout, 'loyaltyNumber')?.verdict).toBe('missing');
  });

  it('flags an email that belongs to another member as not matching', () => {
    const req = request({ loyaltyNumber: null, emails: ['Shared@Example.com'] });
    const [top] = rankCandidates(req, [member('M7', { lastName: 'Smith', emails: ['shared@example.com'] })]);
    expect(top?.label).toBe('EMAIL only: last name differs');
    expect(top?.suggestedOutcome).toBe('CREU2');
    expect(suggestOutcome(top ? [top] : [], req)).toMatchObject({ outcome: 'CREU2', memberId: null });
  });

  it('flags a loyalty number that exists under a different last name', () => {
    const req = request();
    const [top] = rankCandidates(req, [member('M3', { lastName: 'Smith-Jones', emails: [] })]);
    expect(top?.label).toBe('LOYALTY only: last name differs');
    const suggestion = suggestOutcome(top ? [top] : [], req);
    expect(suggestion.outcome).toBe('CREU2');
    expect(suggestion.reason).toContain('M3');
  });

  it('suggests CREU1 when nobody has the number or an email, even with namesakes', () => {
    const req = request();
    const namesake = member('M9', { firstName: 'Rob', loyaltyNumber: '999', emails: ['other@example.org'] });
    const candidates = rankCandidates(req, [namesake]);
    expect(candidates.map((c) => [c.label, c.suggestedOutcome])).toEqual([['+LAST only', 'CREU3']]);
    expect(suggestOutcome(candidates, req)).toMatchObject({ outcome: 'CREU1', memberId: null });
    expect(suggestOutcome([], req).outcome).toBe('CREU1');
    expect(suggestOutcome([], request({ loyaltyNumber: null, emails: [] })).reason).toMatch(/neither/);
  });

  it('ranks by strength, equal ranks by member id, and drops members sharing no key', () => {
    const req = request();
    const members = [
      member('M5', { lastName: 'Smith' }),
      member('M4', { loyaltyNumber: '1', emails: [] }),
      member('M3', { loyaltyNumber: '2' }),
      member('M2', { emails: [] }),
      member('M1'),
      member('M6', { lastName: 'Smith', loyaltyNumber: '3', emails: ['x@example.com'] }),
      member('M0', { loyaltyNumber: '4', emails: [] }),
    ];
    expect(rankCandidates(req, members).map((c) => `${c.member.id} ${c.label}`)).toEqual([
      'M1 +LAST +LOYALTY +EMAIL',
      'M2 +LAST +LOYALTY',
      'M3 +LAST +EMAIL',
      'M5 LOYALTY only: last name differs',
      'M0 +LAST only',
      'M4 +LAST only',
    ]);
  });

  it('does not pick between two full matches, and warns when an email is someone else’s', () => {
    const req = request();
    const twins = rankCandidates(req, [member('M1'), member('M2', { emails: [] })]);
    expect(suggestOutcome(twins, req)).toMatchObject({ outcome: 'CREU3', memberId: null });
    const withOther = rankCandidates(req, [
      member('M1', { emails: [] }),
      member('M8', { lastName: 'Ng', loyaltyNumber: null }),
    ]);
    const suggestion = suggestOutcome(withOther, req);
    expect(suggestion).toMatchObject({ outcome: 'CRSUC', memberId: 'M1' });
    expect(suggestion.reason).toContain('M8');
  });

  it('compares first and middle names after normalising, as context only', () => {
    const req = request({ firstName: 'Zoë', middleName: 'Anne' });
    const [top] = rankCandidates(req, [member('M1', { firstName: 'zoe', middleName: null })]);
    expect(row(top, 'firstName')).toMatchObject({ verdict: 'same', hint: 'written-differently', isContextOnly: true });
    expect(row(top, 'middleName')).toMatchObject({ verdict: 'missing', isContextOnly: true });
  });
});
