import { z } from 'zod';
import { memberIdSchema } from './member-id';
import { emailKey, lastNameKey } from './normalise';

/** The member CSV's header; columns may come in any order, but all of them and no others. */
export const memberCsvColumns = [
  'member_id',
  'first_name',
  'middle_name',
  'last_name',
  'loyalty_number',
  'emails',
] as const;
export type MemberCsvColumn = (typeof memberCsvColumns)[number];

export const MAX_EMAILS_PER_MEMBER = 20;

const blankToNull = (value: string) => (value === '' ? null : value);
const noControlCharacters = /^[^\p{Cc}]*$/u;

const name = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `may be at most ${max} characters` })
    .regex(noControlCharacters, { error: 'may not contain line breaks or control characters' });

/** One CSV row, as text, to the member it describes with its lookup keys. */
export const memberCsvRowSchema = z
  .object({
    member_id: memberIdSchema,
    first_name: name(200).min(1, { error: 'is required' }),
    middle_name: name(200).transform(blankToNull),
    last_name: name(200)
      .min(1, { error: 'is required', abort: true })
      .refine((value) => lastNameKey(value) !== '', { error: 'needs at least one letter or digit' }),
    loyalty_number: z
      .string()
      .trim()
      .max(64, { error: 'may be at most 64 characters' })
      // Kept as text: leading zeros are part of the number.
      .regex(/^[^\s\p{C}]*$/u, { error: 'may not contain spaces or control characters' })
      .transform(blankToNull),
    emails: z
      .string()
      .transform((value) =>
        value
          .split(';')
          .map((email) => email.trim())
          .filter((email) => email !== ''),
      )
      .pipe(
        z
          .array(
            z
              .email({ pattern: z.regexes.unicodeEmail, error: 'is not an email address' })
              .max(254, { error: 'is longer than an email address can be' }),
          )
          .max(MAX_EMAILS_PER_MEMBER, { error: `may list at most ${MAX_EMAILS_PER_MEMBER} addresses` }),
      ),
  })
  .transform((row) => ({
    id: row.member_id,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    lastNameKey: lastNameKey(row.last_name),
    loyaltyNumber: row.loyalty_number,
    // The same address twice is one address.
    emails: [...new Map(row.emails.map((email) => [emailKey(email), email])).entries()].map(([key, email]) => ({
      email,
      key,
    })),
  }));

export type MemberRecord = z.output<typeof memberCsvRowSchema>;
