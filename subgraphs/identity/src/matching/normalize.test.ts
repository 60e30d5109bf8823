import { describe, expect, it } from 'vitest';
import { isJunkEmail, isJunkPhone } from './blocklist.ts';
import { isOverShared } from './values.ts';
import { namesCompatible, nameParts, nearlyEqual } from './names.ts';
import { foldName, normalizeEmail, normalizePhone, phoneReadings } from './normalize.ts';

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

describe('phoneReadings (a record without a region)', () => {
  const markets = ['TH', 'VN', 'PL'];
  it("reads a local number valid in one market only as that market's number", () => {
    expect(phoneReadings('0394784550', null, 'TH', markets)).toEqual(['+84394784550']); // 03x: VN mobile, no TH number
    expect(phoneReadings('077-175-5575', null, 'TH', markets)).toEqual(['+84771755575']);
  });
  it('reads a number typed without the trunk 0 only where there is none (PL), with it only where there is (TH, VN)', () => {
    expect(phoneReadings('690 321 605', null, 'TH', markets)).toEqual(['+48690321605']);
    expect(phoneReadings('0690321605', null, 'TH', markets)).toEqual(['+66690321605', '+84690321605']);
  });
  it('keeps every reading of a number valid in several markets, the default region first', () => {
    expect(phoneReadings('0868761269', null, 'TH', markets)).toEqual(['+66868761269', '+84868761269']);
    expect(normalizePhone('0868761269', null, 'TH', markets)).toBe('+66868761269');
  });
  it('reads one way when the record has a region, the number is international, or no markets are configured', () => {
    expect(phoneReadings('0868761269', 'VN', 'TH', markets)).toEqual(['+84868761269']);
    expect(phoneReadings('+48 690 321 605', null, 'TH', markets)).toEqual(['+48690321605']);
    expect(phoneReadings('690 321 605', null, 'TH')).toEqual(['+66690321605']);
  });
  it('falls back to the default region when no market reads it as valid', () => {
    expect(phoneReadings('0000000000', null, 'TH', markets)).toEqual([normalizePhone('0000000000', 'TH', 'TH')]);
    expect(phoneReadings('n/a', null, 'TH', markets)).toEqual([]);
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
    expect(isJunkPhone('+66817394562')).toBe(false);
  });
  it('flags values carried by more records or more distinct names than the cut-offs', () => {
    const limits = { maxRecordsPerValue: 8, maxNamesPerValue: 4 };
    expect(isOverShared({ records: 9, names: 1 }, limits)).toBe(true);
    expect(isOverShared({ records: 5, names: 5 }, limits)).toBe(true);
    expect(isOverShared({ records: 8, names: 4 }, limits)).toBe(false);
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
  it('finds a given name with and without a Vietnamese middle name compatible ("Minh Vy" is called "Vy")', () => {
    expect(namesCompatible(nameParts('Minh Vy', 'Pham', null), nameParts('Vy', 'Pham', null))).toBe(true);
    expect(namesCompatible(nameParts('Kim Loan', 'Le', null), nameParts('Loan', 'Le', null))).toBe(true);
    expect(namesCompatible(nameParts('Quoc Duc', 'Nguyen', null), nameParts('Duc', null, null))).toBe(true);
  });
  it('finds two given names sharing only a middle name incompatible (siblings "Minh Anh" and "Minh Duc")', () => {
    expect(namesCompatible(nameParts('Minh Anh', 'Tran', null), nameParts('Minh Duc', 'Tran', null))).toBe(false);
    expect(namesCompatible(nameParts('Anna Maria', 'Nowak', null), nameParts('Anna Zofia', 'Nowak', null))).toBe(false);
  });
  it('finds swapped given and family names with a typo compatible ("Nguyne Lam" / "Lam Nguyen")', () => {
    expect(namesCompatible(nameParts('Nguyne', 'Lam', null), nameParts('Lam', 'Nguyen', null))).toBe(true);
    expect(namesCompatible(nameParts('Nguyen', 'Lan', null), nameParts('Lam', 'Nguyen', null))).toBe(false);
  });
  it('says nothing when one side has no name', () => {
    expect(namesCompatible(nameParts(null, null, null), nameParts('Anna', 'Nowak', null))).toBeNull();
  });
  it('reads a display name when given and family are missing', () => {
    expect(namesCompatible(nameParts(null, null, 'Somchai Jaidee'), nameParts('Somchai', 'Jaidee', null))).toBe(true);
  });
});
