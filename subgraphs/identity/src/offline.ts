/**
 * Matching without the stack, for analysis (`evaluate-cli.ts --offline`): reads a generated data
 * set's vendor files through each channel subgraph's own identity-feed mapping, then normalises
 * and matches exactly as a backfill on an empty database does. Dev tooling: the hub itself only
 * ever reads the feeds over HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { toSourceRecord as crmRecord } from '../../crm/src/identity-feed.ts';
import type { CrmContactModel } from '../../crm/src/mappers.ts';
import { toSourceRecord as posRecord } from '../../pos/src/identity-feed.ts';
import type { SquareCustomer } from '../../pos/src/mappers.ts';
import { toSourceRecord as shopRecord } from '../../shop/src/identity-feed.ts';
import type { ShopifyCustomer } from '../../shop/src/mappers.ts';
import { referencesOf } from '../../social/src/identity-feed.ts';
import type { GraphProfile, GraphReferralEvent } from '../../social/src/mappers.ts';
import { matchRecords, recordKey } from './matching/match.ts';
import { normalizeRecord } from './matching/record.ts';

const ndjson = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

/** The records each channel feed would serve for the data set in `dir`, with the subgraphs' default settings. */
export function datasetRecords(dir: string): SourceRecord[] {
  const crm = ndjson<CrmContactModel>(join(dir, 'crm/contacts.ndjson')).map((c) => crmRecord(c, 'TH'));
  const shop = ndjson<ShopifyCustomer>(join(dir, 'shop/customers.ndjson')).map((c) => shopRecord(c, null));
  const pos = ndjson<SquareCustomer>(join(dir, 'pos/customers.ndjson')).map((c) => posRecord(c, null));
  const referrals = new Map<string, GraphReferralEvent[]>();
  for (const event of ndjson<GraphReferralEvent>(join(dir, 'social/referrals.ndjson'))) {
    referrals.set(event.sender.id, [...(referrals.get(event.sender.id) ?? []), event]);
  }
  const social = ndjson<GraphProfile>(join(dir, 'social/profiles.ndjson')).map(
    (p): SourceRecord => ({
      system: 'social',
      externalId: p.id,
      kind: 'profile',
      givenName: p.first_name ?? null,
      familyName: p.last_name ?? null,
      displayName: p.name ?? null,
      emails: [],
      phones: [],
      region: /^[a-z]{2}[_-]([A-Z]{2})$/.exec(p.locale ?? '')?.[1] ?? null,
      addresses: [],
      consent: [],
      references: referencesOf(referrals.get(p.id) ?? []),
      updatedAt: '2026-01-01T00:00:00.000Z',
    }),
  );
  return [...crm, ...shop, ...pos, ...social];
}

/** `system:externalId` → cluster anchor, as a first backfill would link them. */
export function matchOffline(records: readonly SourceRecord[], defaultRegion: string, markets: readonly string[], maxRecordsPerValue: number): Map<string, string> {
  const result = matchRecords(
    records.map((r) => normalizeRecord(r, defaultRegion, markets)),
    { maxRecordsPerValue },
  );
  const customerOf = new Map<string, string>();
  for (const cluster of result.clusters) for (const member of cluster.members) customerOf.set(member, cluster.anchor);
  for (const r of records) if (!customerOf.has(recordKey(r.system, r.externalId))) customerOf.set(recordKey(r.system, r.externalId), recordKey(r.system, r.externalId));
  return customerOf;
}
