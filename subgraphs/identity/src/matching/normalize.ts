import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalisation for matching. Deliberately conservative: wrong merges are worse than missed
 * ones, so nothing here folds values that could belong to different people (no gmail dot or
 * plus folding: `a.b@gmail.com` and `ab@gmail.com` stay different).
 */

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased, trimmed; null when it is not an email at all. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return EMAIL_SHAPE.test(email) ? email : null;
}

/**
 * E.164 (`+66812345678`), reading local formats with the record's region (else the default).
 * `+66 81 234 5678`, `081-234-5678` and `0812345678` are one number in TH. Null when the
 * value cannot be a phone number.
 */
export function normalizePhone(raw: string | null | undefined, region: string | null | undefined, defaultRegion: string): string | null {
  if (!raw) return null;
  const cleaned = raw.trim();
  if (!/\d/.test(cleaned)) return null;
  const country = (region && /^[A-Za-z]{2}$/.test(region) ? region.toUpperCase() : defaultRegion.toUpperCase()) as CountryCode;
  try {
    const parsed = parsePhoneNumberFromString(cleaned, country);
    if (!parsed || !parsed.isPossible()) return null;
    return parsed.number;
  } catch {
    return null;
  }
}

/** Letters a plain NFD decomposition leaves alone (Polish ł, Vietnamese đ, German ß...). */
const EXTRA_FOLDS: Record<string, string> = { ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** Case, accents and whitespace folded: `  Łukasz  NGUYỄN ` → `lukasz nguyen`. Empty → null. */
export function foldName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const folded = raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđðøßæœı]/g, (c) => EXTRA_FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? null : folded;
}
