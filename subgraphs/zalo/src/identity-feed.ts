import { badInput } from '../../../lib/errors.ts';
import { MAY_HOLD_IDENTIFIER, type SourceRecord, type SourceRecordPage, type TypedText } from '../../../lib/identity-feed.ts';
import { MAX_LIST, SYSTEM, type ZaloConnector } from './connector/index.ts';
import { mapLimit } from '../../../lib/batch.ts';
import type { ZaloConversationMessage, ZaloUserDetail } from './mappers.ts';
import { isoDate } from './resolvers/shared.ts';
import type { ZaloActivity } from './webhooks.ts';

const CONCURRENCY = 8;
/** Newest messages read per user for identifiers they typed. */
const MESSAGES_PER_USER = 30;

/**
 * The OA's followers as SourceRecords: `getlist` in Zalo's offset paging (the cursor is the next
 * offset), each follower's detail and newest messages (one call each: no batch read). A phone the
 * user shared with the OA (`shared_info.phone`) is a phone of the record; typed identifiers go in
 * `typedTexts`. With `since`: the users whose webhooks arrived since then.
 */
export async function readIdentityFeed(connector: ZaloConnector, activity: ZaloActivity, args: { after: string | null; limit: number; since?: Date | null }): Promise<SourceRecordPage> {
  if (args.since) return { records: await recordsOf(connector, activity.since(args.since.getTime())), next: null };
  const offset = args.after === null ? 0 : Number(args.after);
  if (!Number.isInteger(offset) || offset < 0) throw badInput('after is not a cursor of this feed', 'after');
  const page = await connector.followers(offset, Math.min(Math.max(args.limit, 1), MAX_LIST));
  const end = offset + page.users.length;
  return { records: await recordsOf(connector, page.users.map((u) => u.user_id)), next: page.users.length > 0 && end < page.total ? String(end) : null };
}

async function recordsOf(connector: ZaloConnector, ids: string[]): Promise<SourceRecord[]> {
  const users = await mapLimit(ids, CONCURRENCY, async (id) => {
    const user = await connector.userDetail(id);
    return user ? { user, messages: await connector.conversation(id, MESSAGES_PER_USER) } : null;
  });
  return users.filter((u): u is { user: ZaloUserDetail; messages: ZaloConversationMessage[] } => u !== null).map(({ user, messages }) => toSourceRecord(user, messages));
}

export function toSourceRecord(user: ZaloUserDetail, messages: ZaloConversationMessage[]): SourceRecord {
  const typedTexts: TypedText[] = messages
    .filter((m) => m.src === 1 && typeof m.message === 'string' && MAY_HOLD_IDENTIFIER.test(m.message))
    .map((m) => ({ text: m.message!, channel: 'zalo', messageId: m.message_id, at: new Date(m.time).toISOString() }))
    .reverse();
  const phone = user.shared_info?.phone ? String(user.shared_info.phone) : null;
  const newest = messages[0]?.time;
  return {
    system: SYSTEM,
    externalId: user.user_id,
    kind: 'profile',
    givenName: null,
    familyName: null,
    displayName: user.display_name,
    emails: [],
    phones: phone && phone !== '0' ? [phone] : [],
    region: null,
    addresses: [],
    consent: [],
    references: [],
    updatedAt: newest ? new Date(newest).toISOString() : (isoDate(user.user_last_interaction_date) ?? '2025-01-01') + 'T00:00:00.000Z',
    // Zalo is Vietnam's messenger: a local number typed there is Vietnamese.
    hints: { market: 'VN' },
    ...(typedTexts.length > 0 ? { typedTexts } : {}),
  };
}
