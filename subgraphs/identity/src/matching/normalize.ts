import anyAscii from 'any-ascii';
import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalisation for matching: emails lower-cased and trimmed (the provider rules that fold
 * spellings of one mailbox are in email.ts), phones to E.164, names folded.
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
export function normalizePhone(
  raw: string | null | undefined,
  region: string | null | undefined,
  defaultRegion: string,
  markets: readonly string[] = [],
): string | null {
  return phoneReadings(raw, region, defaultRegion, markets)[0] ?? null;
}

/**
 * Every E.164 number a raw phone can be. One reading when the value is international or the
 * record says its region. A local number on a record without a region (a Square walk-in has no
 * address) is read in each of `markets` where it is a valid number *as typed*: with the trunk
 * `0` where the country dials one (TH, VN `081…`), without where it does not (PL `512…`); one
 * valid reading is the number. Several (`0812345678` is a mobile in TH and in VN) are all
 * returned, the default region's first: the first is the record's number, the others are
 * evidence only with a compatible name (see matchRecords). None valid: the default region's
 * reading, as before.
 */
export function phoneReadings(raw: string | null | undefined, region: string | null | undefined, defaultRegion: string, markets: readonly string[] = []): string[] {
  const fallback = readPhone(raw, region, defaultRegion);
  if (!fallback || (region && /^[A-Za-z]{2}$/.test(region)) || markets.length === 0) return fallback ? [fallback] : [];
  const cleaned = raw!.trim();
  if (/^(\+|00)/.test(cleaned)) return [fallback];
  const digits = cleaned.replace(/\D/g, '');
  const candidates = [...new Set([defaultRegion, ...markets].map((m) => m.toUpperCase()))];
  const readings: string[] = [];
  for (const market of candidates) {
    const trunk = nationalPrefix(market);
    if (trunk ? !digits.startsWith(trunk) : digits.startsWith('0')) continue;
    const parsed = safeParse(cleaned, market as CountryCode);
    if (parsed?.isValid() && !readings.includes(parsed.number)) readings.push(parsed.number);
  }
  return readings.length > 0 ? readings : [fallback];
}

const metadata = new Metadata();
function nationalPrefix(market: string): string | undefined {
  try {
    metadata.selectNumberingPlan(market as CountryCode);
    // Present at runtime, missing from the package's types.
    const plan = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined;
    return plan?.nationalPrefix() || undefined;
  } catch {
    return undefined;
  }
}

function safeParse(cleaned: string, country: CountryCode) {
  try {
    return parsePhoneNumberFromString(cleaned, country) ?? null;
  } catch {
    return null;
  }
}

function readPhone(raw: string | null | undefined, region: string | null | undefined, defaultRegion: string): string | null {
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

/**
 * Case, accents, scripts and whitespace folded with any-ascii's transliteration tables:
 * `  Łukasz  NGUYỄN ` → `lukasz nguyen`, Thai script romanised (`สมชาย` → `smchay`, compared
 * loosely, see names.ts). Empty → null.
 */
export function foldName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const folded = anyAscii(raw.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}
