import type { SourceAddress, SourceConsent, SourceRecord, SourceRecordPage } from '../../../lib/identity-feed.ts';
import type { Config } from './config.ts';
import type { CrmConnector } from './connector/index.ts';
import { LIST_MAX, SEARCH_MAX } from './connector/index.ts';
import type { CrmContactModel } from './mappers.ts';
import { contactEmails, contactPhones, text } from './resolvers/values.ts';

/**
 * `hs_email_optout` "true" means the contact unsubscribed from all email: DENIED. "false" is
 * what HubSpot needs before it sends marketing email, so it reads as GRANTED; empty is UNKNOWN.
 * HubSpot keeps when it changed only in property history, which the feed does not read.
 */
function emailConsent(value: string | null | undefined): SourceConsent {
  const state = value === 'true' ? 'DENIED' : value === 'false' ? 'GRANTED' : 'UNKNOWN';
  return { channel: 'EMAIL', state, capturedAt: null };
}

/**
 * `_defaultRegion` is no longer the record's region: a contact without a country is as often
 * Vietnamese or Polish as Thai, and reading its phone as the CRM's default country misreads
 * half of them. The hub reads such numbers in each of its markets (IDENTITY_PHONE_MARKETS).
 */
export function toSourceRecord(contact: CrmContactModel, _defaultRegion: string): SourceRecord {
  const p = contact.properties;
  const givenName = text(p.firstname);
  const familyName = text(p.lastname);
  const country = text(p.country)?.toUpperCase() ?? null;
  const address: SourceAddress = { line1: text(p.address), city: text(p.city), postalCode: text(p.zip), country };
  const hasAddress = Object.values(address).some((v) => v !== null);
  return {
    system: 'crm',
    externalId: contact.id,
    kind: 'contact',
    givenName,
    familyName,
    displayName: [givenName, familyName].filter(Boolean).join(' ') || null,
    emails: contactEmails(p.email, p.hs_additional_emails),
    phones: contactPhones(p.phone, p.mobilephone),
    region: country && /^[A-Z]{2}$/.test(country) ? country : null,
    addresses: hasAddress ? [address] : [],
    consent: [emailConsent(p.hs_email_optout)],
    // A contact recordInteraction created for a hub customer names that customer: the hub links it
    // to them on its next backfill (system "identity" = the hub's own customer ids).
    references: text(p.omnigraph_customer_id) ? [{ system: 'identity', externalId: text(p.omnigraph_customer_id)!, via: 'hubspot omnigraph_customer_id' }] : [],
    updatedAt: contact.updatedAt,
  };
}

/**
 * Pages of contacts for the identity hub, following HubSpot's own list paging: a feed page of
 * up to `limit` is several vendor pages of ≤100, and `next` is HubSpot's `after` cursor.
 */
export async function readIdentityPage(
  connector: CrmConnector,
  config: Config,
  args: { after: string | null; limit: number; since?: Date | null },
): Promise<SourceRecordPage> {
  const records: SourceRecord[] = [];
  let after = args.after;
  const since = args.since ?? null;
  do {
    // Incremental reads use the search API's lastmodifieddate filter; the list API has none.
    const page = since
      ? await connector.searchContactsModifiedSince({ since, after, limit: Math.min(SEARCH_MAX, args.limit - records.length) })
      : await connector.listContacts({ after, limit: Math.min(LIST_MAX, args.limit - records.length) });
    for (const contact of page.results) records.push(toSourceRecord(contact, config.DEFAULT_PHONE_REGION));
    after = page.next;
  } while (after !== null && records.length < args.limit);
  return { records, next: after };
}
