import type { SourceConsent, SourceRecord, SourceRecordPage, SourceReference } from '../../../lib/identity-feed.ts';
import type { Config } from './config.ts';
import { SYSTEM, type PosConnector } from './connector/index.ts';
import type { SquareCustomer } from './mappers.ts';

/** Store staff and integrations link a Square customer to its CRM contact with `reference_id` "crm:<contactId>". */
const CRM_REFERENCE = /^crm:(\S+)$/;

export function toSourceRecord(c: SquareCustomer, defaultRegion: string | null): SourceRecord {
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
  };
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
  return { records: page.items.map((c) => toSourceRecord(c, config.DEFAULT_PHONE_REGION ?? null)), next: page.cursor };
}
