import type { SourceRecord, SourceRecordPage } from '../../../lib/identity-feed.ts';
import type { __Name__Connector } from './connector/index.ts';
import { LIST_MAX, SYSTEM } from './connector/index.ts';
import type { __Name__MemberModel } from './mappers.ts';

const text = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null);

/** One member as the identity hub reads it: raw emails and phones (the hub normalises). */
export function toSourceRecord(member: __Name__MemberModel): SourceRecord {
  const givenName = text(member.first_name);
  const familyName = text(member.last_name);
  const country = text(member.country)?.toUpperCase() ?? null;
  return {
    system: SYSTEM,
    externalId: member.id,
    kind: 'member',
    givenName,
    familyName,
    displayName: [givenName, familyName].filter(Boolean).join(' ') || null,
    emails: text(member.email) ? [text(member.email) as string] : [],
    phones: text(member.phone) ? [text(member.phone) as string] : [],
    region: country && /^[A-Z]{2}$/.test(country) ? country : null,
    addresses: [],
    consent: [],
    references: [],
    updatedAt: member.updated_at,
  };
}

/**
 * Pages of members for the identity hub, following the API's own cursor paging: a feed page of
 * up to `limit` is several vendor pages of ≤100, and `next` is the API's cursor. `since` (the
 * hub's real-time sync) reads through the API's `updated_since` filter.
 */
export async function readIdentityPage(connector: __Name__Connector, args: { after: string | null; limit: number; since?: Date | null }): Promise<SourceRecordPage> {
  const records: SourceRecord[] = [];
  let cursor = args.after;
  do {
    const page = await connector.listMembers({ cursor, limit: Math.min(LIST_MAX, args.limit - records.length), updatedSince: args.since ?? null });
    for (const member of page.results) records.push(toSourceRecord(member));
    cursor = page.next;
  } while (cursor !== null && records.length < args.limit);
  return { records, next: cursor };
}
