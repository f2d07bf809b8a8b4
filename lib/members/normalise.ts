/**
 * How member and request values are compared. Concur advises matching on last name plus
 * loyalty number (or verified email), so these keys decide whether two values are "the same":
 * they are stored beside the values and every lookup goes through them.
 */

/** Letters that NFKD leaves whole, spelled the way an ASCII-only system would spell them. */
const UNDECOMPOSABLE: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
};
const UNDECOMPOSABLE_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');

/**
 * A name as a key: "García-López", "Garcia Lopez" and "garcialopez" are one key, as are
 * "O'Brien"/"OBrien", "Müller"/"Muller", "van der Berg"/"Van Der Berg". Everything that is not
 * a letter or digit goes, not just hyphens, apostrophes (' ’ ʼ `), dots and spaces, because
 * supplier systems and Concur profiles each drop or substitute punctuation their own way.
 * The modifier-letter apostrophes (ʼ ʻ) count as letters in Unicode, so they are named.
 * Used for first and middle names too, which are compared only to give context.
 */
export function lastNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_PATTERN, (letter) => UNDECOMPOSABLE[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]|[ʹʻʼʽ]/gu, '');
}

/** Email addresses compare without case or surrounding space; NFC so a composed "ä" equals a decomposed one. */
export function emailKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * Loyalty numbers are text compared exactly once trimmed: "0012345" and "12345" are two
 * accounts, so leading zeros are never dropped. Blank means no number.
 */
export function loyaltyNumberKey(loyaltyNumber: string | null): string | null {
  const trimmed = loyaltyNumber?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
