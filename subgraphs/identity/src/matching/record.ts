import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import type { MatchInput } from './match.ts';
import { nameParts } from './names.ts';
import { foldName, normalizeEmail, phoneReadings } from './normalize.ts';

/** A SourceRecord's normalised matching values, as stored in source_records and fed to matchRecords. */
export interface NormalizedRecord extends MatchInput {
  nameFolded: string;
}

/** `markets`: the countries whose local numbers a record without a region may hold (see phoneReadings). */
export function normalizeRecord(record: SourceRecord, defaultRegion: string, markets: readonly string[] = []): NormalizedRecord {
  const emails = [...new Set(record.emails.map(normalizeEmail).filter((e): e is string => e !== null))];
  const readings = record.phones.map((p) => phoneReadings(p, record.region, defaultRegion, markets));
  const phones = [...new Set(readings.map((r) => r[0]).filter((p): p is string => p !== undefined))];
  const otherReadings = [...new Set(readings.flatMap((r) => r.slice(1)))].filter((p) => !phones.includes(p));
  const name = nameParts(record.givenName, record.familyName, record.displayName);
  const nameFolded = [foldName(record.givenName), foldName(record.familyName), foldName(record.displayName)].filter(Boolean).join(' ');
  return { system: record.system, externalId: record.externalId, emails, phones, otherReadings, name, nameFolded, references: record.references ?? [] };
}
