import type { ConsentChannel, ConsentState, SourceConsent, SourceRecord, SourceRecordPage } from '../../../lib/identity-feed.ts';
import { LIMITS, SYSTEM, type ShopConnector } from './connector/index.ts';
import type { ShopifyCustomer, ShopifyLocation, ShopifyMarketingConsent, ShopifyShop } from './mappers.ts';

/**
 * Shopify consent states to the hub's. `not_subscribed` means the customer never opted in, which
 * for marketing is a refusal, not an unknown; `pending` (double opt-in not confirmed) and
 * `invalid` (bounced) say nothing about the person's wish.
 */
const consentStates: Record<string, ConsentState> = {
  subscribed: 'GRANTED',
  not_subscribed: 'DENIED',
  unsubscribed: 'DENIED',
  redacted: 'DENIED',
  pending: 'UNKNOWN',
  invalid: 'UNKNOWN',
};

function consent(channel: ConsentChannel, value: ShopifyMarketingConsent | null | undefined): SourceConsent[] {
  if (!value) return [];
  return [{ channel, state: consentStates[value.state] ?? 'UNKNOWN', capturedAt: value.consent_updated_at ?? null }];
}

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

export function toSourceRecord(customer: ShopifyCustomer, defaultRegion: string | null): SourceRecord {
  const addresses = customer.addresses?.length ? customer.addresses : customer.default_address ? [customer.default_address] : [];
  // The customer's own phone first, then the default address's, then other addresses' (people type a number at checkout).
  const phones = [customer.phone, customer.default_address?.phone, ...addresses.map((a) => a.phone)].filter(present);
  const displayName = [customer.first_name, customer.last_name].filter(present).join(' ');
  return {
    system: SYSTEM,
    externalId: String(customer.id),
    kind: 'customer',
    givenName: present(customer.first_name) ? customer.first_name : null,
    familyName: present(customer.last_name) ? customer.last_name : null,
    displayName: displayName || null,
    emails: present(customer.email) ? [customer.email] : [],
    phones: [...new Set(phones)],
    region: customer.default_address?.country_code ?? addresses.find((a) => a.country_code)?.country_code ?? defaultRegion,
    addresses: addresses.map((a) => ({ line1: a.address1, city: a.city, postalCode: a.zip, country: a.country_code })),
    consent: [...consent('EMAIL', customer.email_marketing_consent), ...consent('SMS', customer.sms_marketing_consent)],
    references: [],
    updatedAt: customer.updated_at,
    // The currency the customer buys in says their market when no address does.
    ...(present(customer.currency) ? { hints: { currency: customer.currency } } : {}),
  };
}

/** A shop location (the web warehouse) as a record of the retailer itself: its phone is the retailer's, never a customer's. */
export function locationRecord(location: ShopifyLocation): SourceRecord {
  return {
    system: SYSTEM,
    externalId: `location:${location.id}`,
    kind: 'location',
    givenName: null,
    familyName: null,
    displayName: location.name,
    emails: [],
    phones: present(location.phone) ? [location.phone] : [],
    region: location.country_code ?? null,
    addresses: [{ line1: location.address1 ?? null, city: location.city ?? null, postalCode: location.zip ?? null, country: location.country_code ?? null }],
    consent: [],
    references: [],
    updatedAt: location.created_at ?? new Date(0).toISOString(),
    retailer: true,
  };
}

/**
 * The shop itself (`shop.json`) as a record of the retailer: staff type its email for a customer
 * who gives none when they open an account for them, so its emails, phone and domain are the
 * retailer's own, never a customer's evidence.
 */
export function shopRecord(shop: ShopifyShop): SourceRecord {
  return {
    system: SYSTEM,
    externalId: `shop:${shop.id}`,
    kind: 'location',
    givenName: null,
    familyName: null,
    displayName: shop.name,
    emails: [...new Set([shop.email, shop.customer_email].filter(present))],
    phones: present(shop.phone) ? [shop.phone] : [],
    region: shop.country_code ?? null,
    addresses: [],
    consent: [],
    references: [],
    updatedAt: shop.created_at ?? new Date(0).toISOString(),
    retailer: true,
  };
}

/**
 * One page of the feed: one page of `GET customers.json`, Shopify's `page_info` as the cursor
 * (pages hold at most 250); `since` is Shopify's `updated_at_min`.
 */
export async function readIdentityFeed(
  connector: ShopConnector,
  args: { after: string | null; limit: number; since?: Date | null; defaultRegion: string | null },
): Promise<SourceRecordPage> {
  const page = await connector.listCustomers({ limit: Math.min(args.limit, LIMITS.page), pageInfo: args.after, updatedAtMin: args.since ?? null });
  const customers = page.items.map((c) => toSourceRecord(c, args.defaultRegion));
  // The shop and its locations ride on the first page of a full read: few, and the hub needs their values before it trusts any.
  if (args.after !== null || args.since) return { records: customers, next: page.next };
  const [shop, locations] = await Promise.all([connector.shop(), connector.locations()]);
  return { records: [...(shop ? [shopRecord(shop)] : []), ...locations.map(locationRecord), ...customers], next: page.next };
}
