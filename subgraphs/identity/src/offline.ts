/**
 * Matching without the stack, for analysis (`evaluate-cli.ts --offline`): reads a generated data
 * set's vendor files through each channel subgraph's own identity-feed mapping, then normalises
 * and matches exactly as a backfill on an empty database does. Dev tooling: the hub itself only
 * ever reads the feeds over HTTP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { toSourceRecord as crmRecord } from '../../crm/src/identity-feed.ts';
import type { CrmContactModel } from '../../crm/src/mappers.ts';
import { locationRecord as posLocation, toSourceRecord as posRecord } from '../../pos/src/identity-feed.ts';
import type { SquareCustomer, SquareLocation, SquareOrder } from '../../pos/src/mappers.ts';
import { locationRecord as shopLocation, toSourceRecord as shopRecord } from '../../shop/src/identity-feed.ts';
import type { ShopifyCustomer, ShopifyLocation } from '../../shop/src/mappers.ts';
import { toSourceRecord as socialRecord } from '../../social/src/identity-feed.ts';
import type { GraphConversation, GraphMessage, GraphProfile, GraphReferralEvent } from '../../social/src/mappers.ts';
import { matchRecords, recordKey, type MatchOptions } from './matching/match.ts';
import { normalizeRecord } from './matching/record.ts';

const ndjson = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as T)
    : [];

const groupBy = <T>(items: T[], key: (t: T) => string | null | undefined) => {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
};

/** The records each channel feed would serve for the data set in `dir`, with the subgraphs' default settings. */
export function datasetRecords(dir: string): SourceRecord[] {
  const crm = ndjson<CrmContactModel>(join(dir, 'crm/contacts.ndjson')).map((c) => crmRecord(c, 'TH'));
  const shopLocations = ndjson<ShopifyLocation>(join(dir, 'shop/locations.ndjson'));
  const shop = [...shopLocations.map(shopLocation), ...ndjson<ShopifyCustomer>(join(dir, 'shop/customers.ndjson')).map((c) => shopRecord(c, null))];

  // The POS feed's store hint: the country of the store of each customer's newest order (storeCountries).
  const locations = ndjson<SquareLocation>(join(dir, 'pos/locations.ndjson'));
  const countryOf = new Map(locations.map((l) => [l.id, l.country ?? l.address?.country ?? null]));
  const storeCountry = new Map<string, string>();
  const orders = ndjson<SquareOrder>(join(dir, 'pos/orders.ndjson')).sort((x, y) => ((x.created_at ?? '') < (y.created_at ?? '') ? 1 : -1));
  for (const o of orders) {
    const country = countryOf.get(o.location_id);
    if (o.customer_id && country && !storeCountry.has(o.customer_id)) storeCountry.set(o.customer_id, country);
  }
  const pos = [
    ...locations.map(posLocation),
    ...ndjson<SquareCustomer>(join(dir, 'pos/customers.ndjson')).map((c) => posRecord(c, null, !c.address?.country && c.phone_number ? (storeCountry.get(c.id) ?? null) : null)),
  ];

  const referrals = groupBy(ndjson<GraphReferralEvent>(join(dir, 'social/referrals.ndjson')), (e) => e.sender.id);
  const messages = groupBy(ndjson<GraphMessage & { conversation_id: string }>(join(dir, 'social/messages.ndjson')), (m) => m.conversation_id);
  const profiles = new Map(ndjson<GraphProfile>(join(dir, 'social/profiles.ndjson')).map((p) => [p.id, p]));
  const social: SourceRecord[] = [];
  const seen = new Set<string>();
  for (const conversation of ndjson<GraphConversation>(join(dir, 'social/conversations.ndjson'))) {
    for (const participant of conversation.participants?.data ?? []) {
      if (participant.id === conversation.page_id || seen.has(participant.id)) continue;
      seen.add(participant.id);
      social.push(
        socialRecord({
          id: participant.id,
          participant,
          conversation,
          profile: profiles.get(participant.id),
          referrals: referrals.get(participant.id) ?? [],
          messages: (messages.get(conversation.id) ?? []).slice(-50),
        }),
      );
    }
  }
  return [...crm, ...shop, ...pos, ...social];
}

/** `system:externalId` → cluster anchor, as a first backfill would link them (the retailer's own records are not linked). */
export function matchOffline(records: readonly SourceRecord[], defaultRegion: string, markets: readonly string[], options: MatchOptions): Map<string, string> {
  const result = matchRecords(
    records.map((r) => normalizeRecord(r, defaultRegion, markets)),
    options,
  );
  const customerOf = new Map<string, string>();
  for (const cluster of result.clusters) for (const member of cluster.members) customerOf.set(member, cluster.anchor);
  for (const r of records) if (!r.retailer && !customerOf.has(recordKey(r.system, r.externalId))) customerOf.set(recordKey(r.system, r.externalId), recordKey(r.system, r.externalId));
  return customerOf;
}
