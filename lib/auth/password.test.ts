import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';

describe('staff password rules', () => {
  it('refuses a short password', () => {
    expect(passwordProblem('abc123XYZ')).toBe('Use at least 10 characters.');
  });

  it('refuses common passwords and their usual decorations, whatever their case', () => {
    for (const weak of ['QwertyUiop', '1234567890', 'Password1!', 'Password123!', 'Welcome2026!']) {
      expect(passwordProblem(weak), weak).toMatch(/^This password is too easy to guess\./);
    }
  });

  it("counts the account's own email and name as easy guesses", () => {
    const owner = { email: 'zoltan.kovacsik@example.com', name: 'Zoltan Kovacsik' };
    for (const personal of ['ZoltanKovacsik', 'Kovacsik2026', 'Kovacsikexample']) {
      expect(passwordProblem(personal, owner), personal).toMatch(
        /too easy to guess\. There should not be any personal/,
      );
      expect(passwordProblem(personal), personal).toBeNull();
    }
  });

  it('says what to do, with what zxcvbn noticed', () => {
    expect(passwordProblem('Password1!')).toBe(
      'This password is too easy to guess. This is similar to a commonly used password. Add a few uncommon words, not your name or email.',
    );
  });

  it('accepts a long uncommon one', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('e2e staff password 42')).toBeNull();
  });
});
