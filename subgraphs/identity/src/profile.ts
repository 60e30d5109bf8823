import type { ConsentChannel, SourceRecord } from '../../../lib/identity-feed.ts';
import { isJunkEmail, isJunkPhone } from './matching/blocklist.ts';
import { normalizeEmail, phoneReadings } from './matching/normalize.ts';

export interface ProfileValue {
  value: string;
  source: { system: string; externalId: string };
  updatedAt: string;
}

export interface ProfileAddress {
  line1: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
  source: ProfileValue['source'];
  updatedAt: string;
}

export interface GoldenProfile {
  name: ProfileValue | null;
  givenName: ProfileValue | null;
  familyName: ProfileValue | null;
  primaryEmail: ProfileValue | null;
  emails: ProfileValue[];
  primaryPhone: ProfileValue | null;
  phones: ProfileValue[];
  addresses: ProfileAddress[];
  consent: { channel: ConsentChannel; state: 'GRANTED' | 'DENIED' | 'UNKNOWN'; source: ProfileValue['source'] | null; updatedAt: string | null }[];
}

/** Systems whose names win (people correct their names in the CRM, not at the till). */
const NAME_PREFERRED_SYSTEMS = ['crm'];
const CHANNELS: ConsentChannel[] = ['EMAIL', 'SMS', 'SOCIAL'];

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : 0);
const nonEmpty = (s: string | null | undefined): s is string => !!s && s.trim() !== '';

/**
 * Survivorship: the most recently updated record wins; for names, records of a preferred
 * system (CRM) win over any other first. Ties break on `system:externalId` so the answer is stable.
 */
export function goldenProfile(records: readonly SourceRecord[], defaultRegion: string, phoneMarkets: readonly string[] = []): GoldenProfile {
  const sorted = [...records].sort(
    (x, y) => time(y.updatedAt) - time(x.updatedAt) || `${x.system}:${x.externalId}`.localeCompare(`${y.system}:${y.externalId}`),
  );
  const src = (r: SourceRecord) => ({ system: r.system, externalId: r.externalId });
  const value = (r: SourceRecord, v: string): ProfileValue => ({ value: v, source: src(r), updatedAt: r.updatedAt });

  const hasName = (r: SourceRecord) => nonEmpty(r.givenName) || nonEmpty(r.familyName) || nonEmpty(r.displayName);
  const nameRecord = sorted.find((r) => NAME_PREFERRED_SYSTEMS.includes(r.system) && hasName(r)) ?? sorted.find(hasName);
  let name: ProfileValue | null = null;
  let givenName: ProfileValue | null = null;
  let familyName: ProfileValue | null = null;
  if (nameRecord) {
    const full = [nameRecord.givenName, nameRecord.familyName].filter(nonEmpty).join(' ') || nameRecord.displayName || '';
    name = value(nameRecord, full.trim());
    if (nonEmpty(nameRecord.givenName)) givenName = value(nameRecord, nameRecord.givenName.trim());
    if (nonEmpty(nameRecord.familyName)) familyName = value(nameRecord, nameRecord.familyName.trim());
  }

  const distinct = (pick: (r: SourceRecord) => string[]): ProfileValue[] => {
    const seen = new Map<string, ProfileValue>();
    for (const r of sorted) for (const v of pick(r)) if (!seen.has(v)) seen.set(v, value(r, v));
    return [...seen.values()];
  };
  const emails = distinct((r) => r.emails.map(normalizeEmail).filter((e): e is string => e !== null && !isJunkEmail(e)));
  // A region-less local number that reads several ways shows as the reading another record of
  // this customer carries (the number it was linked by), else as its first reading.
  const readings = (r: SourceRecord) => r.phones.map((p) => phoneReadings(p, r.region, defaultRegion, phoneMarkets));
  const certain = new Set(records.flatMap((r) => readings(r).filter((rs) => rs.length === 1).map((rs) => rs[0]!)));
  const phones = distinct((r) =>
    readings(r)
      .map((rs) => rs.find((p) => certain.has(p)) ?? rs[0] ?? null)
      .filter((p): p is string => p !== null && !isJunkPhone(p)),
  );

  const addresses: ProfileAddress[] = [];
  const seenAddresses = new Set<string>();
  for (const r of sorted) {
    for (const a of r.addresses ?? []) {
      const key = [a.line1, a.city, a.postalCode, a.country].map((s) => (s ?? '').trim().toLowerCase()).join('|');
      if (key === '|||' || seenAddresses.has(key)) continue;
      seenAddresses.add(key);
      addresses.push({ line1: a.line1, city: a.city, postalCode: a.postalCode, country: a.country, source: src(r), updatedAt: r.updatedAt });
    }
  }

  const consent = CHANNELS.map((channel) => {
    let best: GoldenProfile['consent'][number] = { channel, state: 'UNKNOWN', source: null, updatedAt: null };
    let bestTime = -1;
    for (const r of sorted) {
      for (const c of r.consent ?? []) {
        if (c.channel !== channel || c.state === 'UNKNOWN') continue;
        const at = c.capturedAt ?? r.updatedAt;
        if (time(at) > bestTime) {
          bestTime = time(at);
          best = { channel, state: c.state, source: src(r), updatedAt: at };
        }
      }
    }
    return best;
  });

  return { name, givenName, familyName, primaryEmail: emails[0] ?? null, emails, primaryPhone: phones[0] ?? null, phones, addresses, consent };
}
