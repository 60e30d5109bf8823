import type { SourceRecord } from '../../lib/identity-feed.ts';

/** A SourceRecord with nothing but what a test names: the builder the identity tests share. */
export function sourceRecord(system: string, externalId: string, fields: Partial<SourceRecord> = {}): SourceRecord {
  return {
    system,
    externalId,
    kind: 'customer',
    givenName: null,
    familyName: null,
    displayName: null,
    emails: [],
    phones: [],
    region: 'TH',
    addresses: [],
    consent: [],
    references: [],
    updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  };
}
