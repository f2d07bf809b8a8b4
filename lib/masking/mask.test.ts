import { describe, expect, it } from 'vitest';
import { maskEmail, maskLoyaltyNumber } from './mask';

describe('maskEmail', () => {
  it.each([
    ['jane.doe@example.com', 'j•••@e•••.com'],
    ['a@b.co.uk', 'a•••@b•••.uk'],
    ['émile@exämple.de', 'é•••@e•••.de'],
    ['x@localhost', 'x•••@l•••'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('gives nothing away for something that is not an email', () => {
    expect(maskEmail('not-an-email')).toBe('•••');
    expect(maskEmail('@example.com')).toBe('•••');
  });
});

describe('maskLoyaltyNumber', () => {
  it.each([
    ['0012345678', '•••5678'],
    ['00123456', '•••3456'],
    ['1234', '•••34'],
    ['7', '•••'],
  ])('%s → %s', (number, masked) => {
    expect(maskLoyaltyNumber(number)).toBe(masked);
  });

  it('never shows a short number whole', () => {
    for (const number of ['1', '12', '123', '1234', '12345']) expect(maskLoyaltyNumber(number)).not.toContain(number);
  });
});
