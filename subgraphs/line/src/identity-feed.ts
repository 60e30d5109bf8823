import { badInput } from '../../../lib/errors.ts';
import { MAY_HOLD_IDENTIFIER, type SourceRecord, type SourceRecordPage, type TypedText } from '../../../lib/identity-feed.ts';
import { MAX_FOLLOWER_PAGE, SYSTEM, type LineConnector } from './connector/index.ts';
import type { LineEventLog } from './event-log.ts';
import { mapLimit } from '../../../lib/batch.ts';
import type { LineProfile } from './mappers.ts';

/** Profile reads in flight while a feed page is built (LINE has no batch profile read). */
const CONCURRENCY = 8;
/** BCP 47 language → the market a LINE account in it most likely is (LINE's markets). */
const MARKET_OF_LANGUAGE: Record<string, string> = { th: 'TH', ja: 'JP', zh: 'TW', id: 'ID' };

/**
 * LINE's friends of the account as SourceRecords: the follower ids in LINE's own paging
 * (`GET /v2/bot/followers/ids`, `next` is LINE's continuation token), each user's profile (one call
 * each: LINE has no batch read), and the identifiers they typed in messages the webhooks delivered.
 * LINE shares no email or phone. With `since`: LINE has no updated-since filter; the webhooks are
 * the change feed, so the users with an event since then in this process's log.
 */
export async function readIdentityFeed(connector: LineConnector, log: LineEventLog, args: { after: string | null; limit: number; since?: Date | null }): Promise<SourceRecordPage> {
  if (args.since) {
    const ids = log.activeSince(args.since.getTime());
    return { records: await recordsOf(connector, log, ids), next: null };
  }
  if (args.after !== null && !/^[A-Za-z0-9_=-]{1,500}$/.test(args.after)) throw badInput('after is not a cursor of this feed', 'after');
  const page = await connector.followers({ start: args.after, limit: Math.min(Math.max(args.limit, 1), MAX_FOLLOWER_PAGE) });
  return { records: await recordsOf(connector, log, page.userIds), next: page.next ?? null };
}

async function recordsOf(connector: LineConnector, log: LineEventLog, ids: string[]): Promise<SourceRecord[]> {
  const profiles = await mapLimit(ids, CONCURRENCY, (id) => connector.profile(id));
  return profiles.filter((p): p is LineProfile => p !== null).map((profile) => toSourceRecord(profile, log));
}

export function toSourceRecord(profile: LineProfile, log: LineEventLog): SourceRecord {
  const messages = log.messagesOf(profile.userId);
  const typedTexts: TypedText[] = messages
    .filter((m) => m.fromCustomer && m.text !== null && MAY_HOLD_IDENTIFIER.test(m.text))
    .map((m) => ({ text: m.text!, channel: 'line', messageId: m.id, at: new Date(m.at).toISOString() }))
    .reverse();
  const market = profile.language ? MARKET_OF_LANGUAGE[profile.language.split('-')[0]!.toLowerCase()] : undefined;
  const updated = Math.max(log.followedAt(profile.userId) ?? 0, messages[0]?.at ?? 0);
  return {
    system: SYSTEM,
    externalId: profile.userId,
    kind: 'profile',
    givenName: null,
    familyName: null,
    // LINE gives one display name, often a nickname ("Ploy 🌸"): never split into given and family names.
    displayName: profile.displayName,
    emails: [],
    phones: [],
    region: null,
    addresses: [],
    consent: [],
    references: [],
    updatedAt: new Date(updated || Date.parse('2025-01-01T00:00:00Z')).toISOString(),
    ...(profile.language || market ? { hints: { ...(profile.language ? { locale: profile.language } : {}), ...(market ? { market } : {}) } } : {}),
    ...(typedTexts.length > 0 ? { typedTexts } : {}),
  };
}
