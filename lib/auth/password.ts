import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

// zxcvbn-ts ranks its list by frequency; the first 1,000 are the most common passwords.
const common = new Set((dictionary['passwords-common'] ?? []).slice(0, 1000).map((p) => p.toLowerCase()));

/** A staff password: long enough, and not one of the 1,000 most common passwords. */
export const staffPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { error: `Use at most ${MAX_PASSWORD_LENGTH} characters.` })
  .refine((password) => !common.has(password.toLowerCase()), {
    error: 'This password is one of the 1,000 most common ones. Choose another.',
  });

export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}
