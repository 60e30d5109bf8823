import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Junk values: placeholders people and systems type when they have no real value. Matching on
 * them would merge strangers, so they are ignored (kept on the record, never used as evidence).
 */

const JUNK_EMAIL_LOCAL = /^(no-?e?mail|none|null|nil|n\/?a|test|noreply|no-reply|donotreply|unknown|x+|a+)$/;
const JUNK_EMAIL_FULL = new Set(['test@test.com', 'test@example.com', 'a@a.com', 'email@email.com', 'none@none.com']);
const JUNK_EMAIL_DOMAINS = new Set(['example.com', 'example.org', 'test.com', 'mailinator.com']);

export function isJunkEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (JUNK_EMAIL_FULL.has(email) || JUNK_EMAIL_DOMAINS.has(domain)) return true;
  if (JUNK_EMAIL_LOCAL.test(local)) return true;
  // Meta's placeholder `<PSID>@facebook.com` identifies a page-scoped id, not a mailbox.
  if (domain === 'facebook.com' && /^\d+$/.test(local)) return true;
  return false;
}

/** Takes an E.164 number: `0000000000`, `1234567890`, `+66 88 888 8888` are placeholders. */
export function isJunkPhone(e164: string): boolean {
  const digits = e164.replace(/\D/g, '');
  const national = parsePhoneNumberFromString(e164)?.nationalNumber ?? digits;
  for (const candidate of [digits, national, national.replace(/^0+/, '')]) {
    if (candidate.length < 6) return true;
    if (/^(\d)\1+$/.test(candidate)) return true;
    // Typed counting (`1234567890`, `0123456`); a real number merely containing a run is fine.
    if (['01234567890123', '12345678901234', '98765432109876'].some((run) => run.startsWith(candidate))) return true;
  }
  return false;
}

/**
 * Values carried by more than `maxRecordsPerValue` records: a store's own phone typed into
 * walk-in sales, a shared inbox. Counted per distinct record.
 */
export function overSharedValues(valuesPerRecord: Iterable<readonly string[]>, maxRecordsPerValue: number): Set<string> {
  const counts = new Map<string, number>();
  for (const values of valuesPerRecord) {
    for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [value, count] of counts) if (count > maxRecordsPerValue) out.add(value);
  return out;
}
