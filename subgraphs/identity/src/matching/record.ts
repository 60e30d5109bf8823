import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import { canonicalEmail, typoDomainOf } from './email.ts';
import type { MatchInput, TypedValue } from './match.ts';
import { nameParts } from './names.ts';
import { foldName, normalizeEmail, phoneReadings } from './normalize.ts';

/** A SourceRecord's normalised matching values, as stored in source_records and fed to matchRecords. */
export interface NormalizedRecord extends MatchInput {
  nameFolded: string;
  /** The country local phone numbers were read in, and which hint said so; null: none known. */
  regionFrom: { region: string; from: string } | null;
}

const COUNTRY = /^[A-Z]{2}$/;
/** Currencies of one country each (the markets' and their neighbours'). */
const CURRENCY_COUNTRY: Record<string, string> = { THB: 'TH', VND: 'VN', PLN: 'PL', MYR: 'MY', SGD: 'SG', IDR: 'ID', PHP: 'PH', LAK: 'LA', KHR: 'KH', MMK: 'MM', CZK: 'CZ', HUF: 'HU' };

const country = (value: string | null | undefined): string | null => {
  const v = value?.trim().toUpperCase();
  return v && COUNTRY.test(v) ? v : null;
};
const localeCountry = (locale: string | null | undefined): string | null => country(locale?.split(/[_-]/)[1]);

/**
 * The country a record's local numbers belong to, from the record's own evidence, strongest
 * first: its region (address or country field), an address's country, the store it was created
 * at, its locale, its currency, its channel's market. None: null (every market is read).
 */
export function recordRegion(record: SourceRecord): { region: string; from: string } | null {
  const hints = record.hints ?? {};
  const candidates: [string | null, string][] = [
    [country(record.region), 'region'],
    [record.addresses.map((a) => country(a.country)).find(Boolean) ?? null, 'address'],
    [country(hints.storeCountry), 'store location'],
    [localeCountry(hints.locale), 'locale'],
    [hints.currency ? (CURRENCY_COUNTRY[hints.currency.trim().toUpperCase()] ?? null) : null, 'currency'],
    [country(hints.market), 'market'],
  ];
  for (const [region, from] of candidates) if (region) return { region, from };
  return null;
}

/**
 * `markets`: the countries whose local numbers a record of unknown country may hold (see
 * phoneReadings). A record of unknown country gets each market's reading of a number valid in
 * several: none of them is its number, each is evidence only with an agreeing name.
 */
export function normalizeRecord(record: SourceRecord, defaultRegion: string, markets: readonly string[] = []): NormalizedRecord {
  const regionFrom = recordRegion(record);
  const region = regionFrom?.region ?? null;
  const normalized = record.emails.map(normalizeEmail).filter((e): e is string => e !== null);
  const emails = [...new Set(normalized.map(canonicalEmail))];
  const typoEmails = [...new Set(normalized.flatMap((e) => typoCorrected(e) ?? []))].filter((e) => !emails.includes(e));

  const readings = record.phones.map((p) => phoneReadings(p, region, defaultRegion, region ? [] : markets));
  // Unknown country and several valid readings: no reading is the record's number (see above).
  const ambiguous = (r: string[]) => region === null && markets.length > 0 && r.length > 1;
  const phones = [...new Set(readings.filter((r) => !ambiguous(r)).map((r) => r[0]).filter((p): p is string => p !== undefined))];
  const otherReadings = [...new Set(readings.flatMap((r) => (ambiguous(r) ? r : r.slice(1))))].filter((p) => !phones.includes(p));

  const name = nameParts(record.givenName, record.familyName, record.displayName);
  const nameFolded = [foldName(record.givenName), foldName(record.familyName), foldName(record.displayName)].filter(Boolean).join(' ');
  return {
    system: record.system,
    externalId: record.externalId,
    emails,
    phones,
    otherReadings,
    typoEmails,
    typed: typedValues(record, region, markets.length > 0 ? markets : [defaultRegion]),
    name,
    nameFolded,
    references: record.references ?? [],
    updatedAt: record.updatedAt,
    ...(record.retailer ? { retailer: true } : {}),
    regionFrom,
  };
}

/** `anna@gmial.com` → `anna@gmail.com` (canonical), when the domain is a typo of a known provider. */
function typoCorrected(email: string): string | null {
  const at = email.lastIndexOf('@');
  const known = typoDomainOf(email.slice(at + 1));
  return known ? canonicalEmail(`${email.slice(0, at)}@${known}`) : null;
}

const EMAIL_IN_TEXT = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/**
 * Phones and emails the person typed in their messages (`tel. 519840677`, `my email is ...`),
 * with provenance. Phones are found by libphonenumber-js in the record's country, else in each
 * market: a number read differently in several is `ambiguous` (evidence only with an agreeing name).
 */
export function typedValues(record: SourceRecord, region: string | null, markets: readonly string[]): TypedValue[] {
  const out = new Map<string, TypedValue>();
  for (const typed of record.typedTexts ?? []) {
    const provenance = `typed in a ${channelName(typed.channel)} message on ${typed.at.slice(0, 10)}`;
    for (const match of typed.text.matchAll(EMAIL_IN_TEXT)) {
      const email = normalizeEmail(match[0].replace(/\.$/, ''));
      if (email) add(out, { kind: 'email', value: canonicalEmail(email), provenance, messageId: typed.messageId });
    }
    const readings = new Map<string, Set<string>>(); // span → E.164 readings
    for (const market of region ? [region] : markets) {
      let found;
      try {
        found = findPhoneNumbersInText(typed.text, { defaultCountry: market as CountryCode });
      } catch {
        continue;
      }
      for (const f of found) {
        if (!f.number.isValid()) continue;
        const span = `${f.startsAt}:${f.endsAt}`;
        readings.set(span, (readings.get(span) ?? new Set()).add(f.number.number));
      }
    }
    for (const numbers of readings.values()) {
      const ambiguous = numbers.size > 1;
      for (const value of numbers) add(out, { kind: 'phone', value, provenance, messageId: typed.messageId, ...(ambiguous ? { ambiguous } : {}) });
    }
  }
  return [...out.values()].sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
}

/** The first typing of a value is its provenance; an unambiguous typing wins over an ambiguous one. */
function add(out: Map<string, TypedValue>, value: TypedValue) {
  const existing = out.get(value.value);
  if (!existing || (existing.ambiguous && !value.ambiguous) || (!!existing.ambiguous === !!value.ambiguous && value.provenance < existing.provenance)) out.set(value.value, value);
}

const CHANNEL_NAMES: Record<string, string> = { messenger: 'Messenger', instagram: 'Instagram', line: 'LINE', zalo: 'Zalo', whatsapp: 'WhatsApp' };
const channelName = (channel: string) => CHANNEL_NAMES[channel.toLowerCase()] ?? channel;
