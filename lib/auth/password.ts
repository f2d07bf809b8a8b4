import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's scale: 3 means about 10^8 guesses or more, "safely unguessable" for an online attacker. */
const MIN_SCORE = 3;

/** Whose password it is: zxcvbn counts the account's own email and name as easy guesses. */
export type PasswordOwner = { email?: string | null; name?: string | null };

let scorer: ZxcvbnFactory | undefined;

// Built on first use (about 0.2 s): the dictionaries are large, and most processes never score.
function score(password: string, owner: PasswordOwner) {
  scorer ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return scorer.check(password, ownerWords(owner));
}

function ownerWords({ email, name }: PasswordOwner): string[] {
  const words = ['connection desk', 'concur', 'triplink'];
  if (email) words.push(email, ...email.split(/[@.+_-]/));
  if (name) words.push(name, ...name.split(/\s+/));
  return words.map((word) => word.trim().toLowerCase()).filter((word) => word.length > 1);
}

/** What is wrong with a staff password, in words the person can act on; null when it will do. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const { score: strength, feedback } = score(password, owner);
  if (strength >= MIN_SCORE) return null;
  const why = feedback.warning ? ` ${feedback.warning}` : '';
  return `This password is too easy to guess.${why} Add a few uncommon words, not your name or email.`;
}
