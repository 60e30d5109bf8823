import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';

/**
 * Junk values: placeholders people and systems type when they have no real value. Matching on
 * them would merge strangers, so they are ignored (kept on the record, never used as evidence
 * nor blocking keys).
 */

/**
 * Placeholder local parts, in the habits of the markets: English (`no`, `noemail`, `none`,
 * `na`), Polish (`brak` "none", `nie`, `niemam` "I have none", `nieposiada`), Vietnamese
 * (`khong`, `khongco` "none", `chuaco` "not yet"), Thai romanised (`mai`, `maimee`, `maimi`
 * "have none"), keyboard runs (`asdf`, `qwerty`, `abc`, `123`) and repeated letters.
 */
const JUNK_EMAIL_LOCAL =
  /^(no|not|nope|no-?e?mail|nomail|none|null|nil|n\/?a|na|test|tests?\d*|noreply|no-reply|donotreply|unknown|brak|brakmaila|brak-?e?maila|nie|niema|niemam|nie-?mam|nieposiada|khong|khongco|khongcoemail|chuaco|maimee|maimi|maimii|asdf|asdfgh|qwerty|qwe|abc|abcd|xyz|123|1234|12345|123456|0|00|000|customer|khachhang|klient|guest|walkin|walk-in|([a-z])\2+)$/;
const JUNK_EMAIL_FULL = new Set(['test@test.com', 'test@example.com', 'a@a.com', 'email@email.com', 'none@none.com', 'no@email.com', 'no@mail.com', 'abc@abc.com', 'xxx@xxx.com']);
const JUNK_EMAIL_DOMAINS = new Set(['example.com', 'example.org', 'example.net', 'test.com', 'mailinator.com', 'email.email', 'noemail.com', 'none.com', 'nomail.com', 'brak.pl', 'khong.vn', 'no.email']);

export function isJunkEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (JUNK_EMAIL_FULL.has(email) || JUNK_EMAIL_DOMAINS.has(domain)) return true;
  // `mai-mee`, `no.email`, `brak_maila`: separators do not make a placeholder real.
  if (JUNK_EMAIL_LOCAL.test(local) || JUNK_EMAIL_LOCAL.test(local.replace(/[.\-_]/g, ''))) return true;
  // `-@x.pl`, `...@gmail.com`: no letter or digit at all.
  if (!/[a-z0-9]/i.test(local)) return true;
  // `0812345678@gmail.com` is a real habit, but a local part that is a placeholder phone is not.
  if (/^\d+$/.test(local) && isJunkDigits(local)) return true;
  // Meta's placeholder `<PSID>@facebook.com` identifies a page-scoped id, not a mailbox.
  if (domain === 'facebook.com' && /^\d+$/.test(local)) return true;
  return false;
}

/**
 * isJunkPhone parses the number (libphonenumber), and one phone is asked about several times per
 * run (stored keys, key statistics, matching): remembered, bounded, since the answer never changes.
 */
const junkPhones = new LRUCache<string, boolean>({ max: 200_000 });

/** Takes an E.164 number: `0000000000`, `1234567890`, `0812345678`, `+66 88 888 8888` are placeholders. */
export function isJunkPhone(e164: string): boolean {
  let junk = junkPhones.get(e164);
  if (junk === undefined) {
    junk = junkPhoneUncached(e164);
    junkPhones.set(e164, junk);
  }
  return junk;
}

function junkPhoneUncached(e164: string): boolean {
  const digits = e164.replace(/\D/g, '');
  const national = parsePhoneNumberFromString(e164)?.nationalNumber ?? digits;
  for (const candidate of [digits, national, national.replace(/^0+/, '')]) {
    if (candidate.length < 6) return true;
    if (isJunkDigits(candidate)) return true;
  }
  return false;
}

/**
 * Digits nobody is given: one or two distinct digits (`0888888888`, `0808080808`), or a counting
 * run of six or more (`0812345678` holds `12345678`, `0987654321`) typed to fill a required field.
 */
function isJunkDigits(digits: string): boolean {
  if (new Set(digits).size <= 2) return true;
  let up = 1;
  let down = 1;
  for (let i = 1; i < digits.length; i++) {
    const step = Number(digits[i]) - Number(digits[i - 1]);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= 6 || down >= 6) return true;
  }
  return false;
}
