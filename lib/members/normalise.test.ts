import { describe, expect, it } from 'vitest';
import { emailKey, lastNameKey, loyaltyNumberKey } from './normalise';

describe('lastNameKey', () => {
  it.each([
    ['García-López', 'Garcia Lopez', 'garcialopez', 'GARCIA–LOPEZ'],
    ["O'Brien", 'OBrien', 'O’Brien', 'Oʼbrien', 'O`Brien'],
    ['Müller', 'Muller', 'MÜLLER', 'Mu\u0308ller'],
    ['van der Berg', 'Van Der Berg', 'van  der\tBerg', 'VanDerBerg'],
    ['St. John', 'St John', 'st.john'],
    ['Øvergård', 'Overgard'],
    ['Þórsdóttir', 'Thorsdottir'],
    ['Wójcik', 'Wojcik'],
    ['Łukasiewicz', 'Lukasiewicz'],
    ['Đorđević', 'Dordevic'],
    ['Schäfer', 'Schafer'],
    ['Straße', 'Strasse', 'STRASSE'],
    ['Bæk', 'Baek'],
    ['Nguyễn', 'Nguyen'],
    ['Ó Súilleabháin', 'O Suilleabhain', 'OSuilleabhain'],
  ])('treats %s and its spellings as one name', (...spellings) => {
    const keys = new Set(spellings.map(lastNameKey));
    expect(keys.size).toBe(1);
  });

  it('keeps different names apart', () => {
    expect(lastNameKey('Smith')).not.toBe(lastNameKey('Smith-Jones'));
    expect(lastNameKey('Muller')).not.toBe(lastNameKey('Mueller'));
    expect(lastNameKey('Ng')).not.toBe(lastNameKey('Nguyễn'));
  });

  it('keeps letters of other scripts, and leaves nothing of punctuation alone', () => {
    expect(lastNameKey('山田')).toBe('山田');
    expect(lastNameKey(" - '. ")).toBe('');
  });
});

describe('emailKey', () => {
  it('ignores case and surrounding space, and how an accent is encoded', () => {
    expect(emailKey('  Zoe.OBrien@Example.COM ')).toBe('zoe.obrien@example.com');
    expect(emailKey('jose@exa\u0308mple.de')).toBe(emailKey('JOSE@EXÄMPLE.DE'));
  });
});

describe('loyaltyNumberKey', () => {
  it('is the trimmed text: leading zeros count, blank is no number', () => {
    expect(loyaltyNumberKey(' 0012345 ')).toBe('0012345');
    expect(loyaltyNumberKey('0012345')).not.toBe(loyaltyNumberKey('12345'));
    expect(loyaltyNumberKey('   ')).toBeNull();
    expect(loyaltyNumberKey(null)).toBeNull();
  });
});
