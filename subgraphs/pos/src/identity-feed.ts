import type { SourceConsent, SourceRecord, SourceRecordPage, SourceReference } from '../../../lib/identity-feed.ts';
import type { Config } from './config.ts';
import { SYSTEM, type PosConnector } from './connector/index.ts';
import { inChunks } from '../../../lib/batch.ts';
import type { SquareCustomer, SquareLocation, SquareOrder } from './mappers.ts';

/** Store staff and integrations link a Square customer to its CRM contact with `reference_id` "crm:<contactId>". */
const CRM_REFERENCE = /^crm:(\S+)$/;

/**
 * `storeCountry`: the country of the store the customer last bought at (see storeCountries), the
 * only hint of a country a walk-in without an address gives.
 */
export function toSourceRecord(c: SquareCustomer, defaultRegion: string | null, storeCountry: string | null = null): SourceRecord {
  const references: SourceReference[] = [];
  const crm = CRM_REFERENCE.exec(c.reference_id?.trim() ?? '');
  if (crm?.[1]) references.push({ system: 'crm', externalId: crm[1], via: 'square reference_id' });

  const consent: SourceConsent[] = [];
  const unsubscribed = c.preferences?.email_unsubscribed;
  if (typeof unsubscribed === 'boolean') {
    consent.push({ channel: 'EMAIL', state: unsubscribed ? 'DENIED' : 'GRANTED', capturedAt: c.updated_at ?? null });
  }

  const given = c.given_name?.trim() || null;
  const family = c.family_name?.trim() || null;
  const fullName = [given, family].filter(Boolean).join(' ') || null;
  const address = c.address;
  return {
    system: SYSTEM,
    externalId: c.id,
    kind: 'customer',
    givenName: given,
    familyName: family,
    displayName: c.nickname?.trim() || fullName || c.company_name?.trim() || null,
    emails: c.email_address ? [c.email_address] : [],
    phones: c.phone_number ? [c.phone_number] : [],
    region: address?.country ?? defaultRegion,
    addresses: address
      ? [{ line1: address.address_line_1 ?? null, city: address.locality ?? null, postalCode: address.postal_code ?? null, country: address.country ?? null }]
      : [],
    consent,
    references,
    updatedAt: c.updated_at ?? c.created_at ?? new Date(0).toISOString(),
    ...(storeCountry ? { hints: { storeCountry } } : {}),
  };
}

/**
 * A store as a record of the retailer itself (SourceRecord.retailer): its business email and
 * phone are what cashiers type for walk-ins who give none, so the hub must know them as the
 * retailer's own values. Never linked to a customer.
 */
export function locationRecord(l: SquareLocation): SourceRecord {
  const address = l.address;
  return {
    system: SYSTEM,
    externalId: `location:${l.id}`,
    kind: 'location',
    givenName: null,
    familyName: null,
    displayName: l.name ?? l.business_name ?? null,
    emails: l.business_email ? [l.business_email] : [],
    phones: l.phone_number ? [l.phone_number] : [],
    region: l.country ?? address?.country ?? null,
    addresses: address ? [{ line1: address.address_line_1 ?? null, city: address.locality ?? null, postalCode: address.postal_code ?? null, country: address.country ?? null }] : [],
    consent: [],
    references: [],
    updatedAt: l.created_at ?? new Date(0).toISOString(),
    retailer: true,
  };
}

/**
 * The country of the store each customer's newest order was placed at, for the customers whose
 * own record gives no country but has a phone to read (walk-ins): one orders search per 10 such
 * customers and 10 locations.
 */
export async function storeCountries(connector: PosConnector, customers: readonly SquareCustomer[], locations: readonly SquareLocation[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = customers.filter((c) => !c.address?.country && c.phone_number).map((c) => c.id);
  if (wanted.length === 0 || locations.length === 0) return out;
  const countryOf = new Map(locations.map((l) => [l.id, l.country ?? l.address?.country ?? null]));
  const locationChunks: string[][] = [];
  for (let i = 0; i < locations.length; i += 10) locationChunks.push(locations.slice(i, i + 10).map((l) => l.id));
  await inChunks(wanted, 10, async (ids) => {
    const orders: SquareOrder[] = [];
    for (const chunk of locationChunks) orders.push(...(await connector.searchOrdersByCustomers(ids, chunk)));
    orders.sort((x, y) => (x.created_at ?? '') < (y.created_at ?? '') ? 1 : -1);
    for (const order of orders) {
      const country = countryOf.get(order.location_id);
      if (order.customer_id && country && !out.has(order.customer_id)) out.set(order.customer_id, country);
    }
    return [];
  });
  return out;
}

/**
 * One page of `GET /v2/customers`, oldest first, with Square's own cursor as `next`; with `since`,
 * one page of `POST /v2/customers/search` filtered on `updated_at` instead.
 */
export async function identityFeedPage(
  connector: PosConnector,
  config: Pick<Config, 'DEFAULT_PHONE_REGION'>,
  args: { after: string | null; limit: number; since?: Date | null },
): Promise<SourceRecordPage> {
  const page = args.since
    ? await connector.searchCustomersUpdatedSince({ since: args.since, cursor: args.after, limit: args.limit })
    : await connector.listCustomers({ cursor: args.after, limit: args.limit });
  // The stores ride on the first page of a full read (an incremental read is about customers).
  const first = args.after === null && !args.since;
  const needCountry = page.items.some((c) => !c.address?.country && c.phone_number);
  const locations = first || needCountry ? await connector.listLocations() : [];
  const countries = await storeCountries(connector, page.items, locations);
  const customers = page.items.map((c) => toSourceRecord(c, config.DEFAULT_PHONE_REGION ?? null, countries.get(c.id) ?? null));
  // Few stores, and the hub needs their values before it trusts any.
  return { records: first ? [...locations.map(locationRecord), ...customers] : customers, next: page.cursor };
}
