import { describe, expect, it } from 'vitest';
import { isJunkEmail, isJunkPhone, overSharedValues } from './blocklist.ts';
import { namesCompatible, nameParts, nearlyEqual } from './names.ts';
import { foldName, normalizeEmail, normalizePhone } from './normalize.ts';

describe('normalizePhone', () => {
  it.each(['+66 81 234 5678', '081-234-5678', '0812345678', '(081) 234 5678'])('reads the Thai format %s as +66812345678', (raw) => {
    expect(normalizePhone(raw, 'TH', 'TH')).toBe('+66812345678');
  });
  it('reads a Vietnamese local number with the record region', () => {
    expect(normalizePhone('090 123 4567', 'VN', 'TH')).toBe('+84901234567');
  });
  it('reads a Polish number without trunk prefix with the record region', () => {
    expect(normalizePhone('512 345 678', 'PL', 'TH')).toBe('+48512345678');
  });
  it('falls back to the default region when the record has none', () => {
    expect(normalizePhone('081-234-5678', null, 'TH')).toBe('+66812345678');
    expect(normalizePhone('512 345 678', null, 'PL')).toBe('+48512345678');
  });
  it('keeps an international number whatever the region', () => {
    expect(normalizePhone('+48 512 345 678', 'VN', 'TH')).toBe('+48512345678');
  });
  it('returns null for things that are not phone numbers', () => {
    expect(normalizePhone('n/a', 'TH', 'TH')).toBeNull();
    expect(normalizePhone('12', 'TH', 'TH')).toBeNull();
    expect(normalizePhone('', 'TH', 'TH')).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and trims but does not fold gmail dots or plus tags', () => {
    expect(normalizeEmail('  Anna.Kowalska@Gmail.COM ')).toBe('anna.kowalska@gmail.com');
    expect(normalizeEmail('annakowalska+shop@gmail.com')).toBe('annakowalska+shop@gmail.com');
  });
  it('returns null when the value is not an email', () => {
    expect(normalizeEmail('not an email')).toBeNull();
  });
});

describe('foldName', () => {
  it('folds case, accents, Polish and Vietnamese letters and whitespace', () => {
    expect(foldName('  Łukasz   Żółć ')).toBe('lukasz zolc');
    expect(foldName('Nguyễn Thị Đào')).toBe('nguyen thi dao');
    expect(foldName('   ')).toBeNull();
  });
});

describe('blocklist', () => {
  it.each(['noemail@shop.th', 'test@test.com', 'none@gmail.com', '100012345678901@facebook.com', 'x@example.com'])('treats %s as a junk email', (email) => {
    expect(isJunkEmail(email)).toBe(true);
  });
  it('keeps real emails', () => {
    expect(isJunkEmail('anna.kowalska@gmail.com')).toBe(false);
    expect(isJunkEmail('somchai@facebook.com')).toBe(false);
  });
  it('treats placeholder phones as junk', () => {
    expect(isJunkPhone(normalizePhone('0000000000', 'TH', 'TH')!)).toBe(true);
    expect(isJunkPhone(normalizePhone('1234567890', 'TH', 'TH')!)).toBe(true);
    expect(isJunkPhone(normalizePhone('088 888 8888', 'TH', 'TH')!)).toBe(true);
    expect(isJunkPhone('+66812345678')).toBe(false);
  });
  it('flags values carried by more records than the threshold', () => {
    const over = overSharedValues([['a'], ['a'], ['a', 'b'], ['b'], ['a', 'a']], 3);
    expect([...over]).toEqual(['a']);
  });
});

describe('names', () => {
  it('tolerates one typo on names of four letters or more', () => {
    expect(nearlyEqual('somchai', 'somchia')).toBe(true);
    expect(nearlyEqual('somchai', 'somsak')).toBe(false);
    expect(nearlyEqual('somchai', 'somcha')).toBe(true);
    expect(nearlyEqual('katarzyna', 'katarzina')).toBe(true);
    expect(nearlyEqual('anh', 'an')).toBe(false);
  });
  it('finds the same given name with a different family name compatible (maiden name)', () => {
    expect(namesCompatible(nameParts('Anna', 'Nowak', null), nameParts('Anna', 'Kowalska', null))).toBe(true);
  });
  it('finds the same family name with different given names incompatible (family members)', () => {
    expect(namesCompatible(nameParts('Anna', 'Kowalska', null), nameParts('Piotr', 'Kowalski', null))).toBe(false);
  });
  it('finds swapped given and family names compatible', () => {
    expect(namesCompatible(nameParts('Nguyen', 'Lan', null), nameParts('Lan', 'Nguyen', null))).toBe(true);
  });
  it('says nothing when one side has no name', () => {
    expect(namesCompatible(nameParts(null, null, null), nameParts('Anna', 'Nowak', null))).toBeNull();
  });
  it('reads a display name when given and family are missing', () => {
    expect(namesCompatible(nameParts(null, null, 'Somchai Jaidee'), nameParts('Somchai', 'Jaidee', null))).toBe(true);
  });
});
