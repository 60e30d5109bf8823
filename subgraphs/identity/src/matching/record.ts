import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import type { MatchInput } from './match.ts';
import { nameParts } from './names.ts';
import { foldName, normalizeEmail, normalizePhone } from './normalize.ts';

/** A SourceRecord's normalised matching values, as stored in source_records and fed to matchRecords. */
export interface NormalizedRecord extends MatchInput {
  nameFolded: string;
}

export function normalizeRecord(record: SourceRecord, defaultRegion: string): NormalizedRecord {
  const emails = [...new Set(record.emails.map(normalizeEmail).filter((e): e is string => e !== null))];
  const phones = [...new Set(record.phones.map((p) => normalizePhone(p, record.region, defaultRegion)).filter((p): p is string => p !== null))];
  const name = nameParts(record.givenName, record.familyName, record.displayName);
  const nameFolded = [foldName(record.givenName), foldName(record.familyName), foldName(record.displayName)].filter(Boolean).join(' ');
  return { system: record.system, externalId: record.externalId, emails, phones, name, nameFolded, references: record.references ?? [] };
}
