import { describe, expect, it } from 'vitest';
import { staffPassword } from './password';

describe('staff password rules', () => {
  it('refuses a short password', () => {
    expect(staffPassword.safeParse('abc123XYZ').error?.issues[0]?.message).toBe('Use at least 10 characters.');
  });

  it('refuses one of the 1,000 most common passwords, whatever its case', () => {
    expect(staffPassword.safeParse('QwertyUiop').error?.issues[0]?.message).toMatch(/most common/);
    expect(staffPassword.safeParse('1234567890').success).toBe(false);
  });

  it('accepts a long uncommon one', () => {
    expect(staffPassword.safeParse('correct horse battery staple').success).toBe(true);
  });
});
