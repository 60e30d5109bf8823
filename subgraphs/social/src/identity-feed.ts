import { inChunks } from '../../../lib/batch.ts';
import { badInput } from '../../../lib/errors.ts';
import { MAY_HOLD_IDENTIFIER, type SourceRecord, type SourceRecordPage, type SourceReference, type TypedText } from '../../../lib/identity-feed.ts';
import { MAX_IDS, PROFILE_FIELDS, SYSTEM, type SocialConnector } from './connector/index.ts';
import type { SocialEventLog } from './event-log.ts';
import type { GraphConversation, GraphMessage, GraphParticipant, GraphProfile, GraphReferralEvent } from './mappers.ts';
import { isoTime } from './resolvers/shared.ts';

/** Graph's largest page of conversations. */
const MAX_CONVERSATIONS_PER_PAGE = 100;
/** Newest messages read per thread for identifiers the person typed (`tel. 519840677`, `my email is ...`). */
const MESSAGES_PER_THREAD = 50;
/** The m.me / ad `ref` the web shop writes for a signed-in visitor. */
const SHOP_REF = /^shop-customer-(\d+)$/;

interface FeedCursor {
  pageId: string;
  after: string | null;
}

const encodeCursor = (cursor: FeedCursor) => Buffer.from(JSON.stringify([cursor.pageId, cursor.after])).toString('base64url');
function decodeCursor(raw: string): FeedCursor {
  try {
    const [pageId, after] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof pageId === 'string' && (after === null || typeof after === 'string')) return { pageId, after };
  } catch {
    // fall through to the coded error
  }
  throw badInput('after is not a cursor of this feed', 'after');
}

/**
 * The people who wrote to the retailer's pages: for each page, its conversations in the
 * vendor's order and paging (`/{page-id}/conversations`), the person in each thread read
 * by multi-ID read, their referrals from the webhook event log (Graph has no read API for them). `next` is the page id plus Graph's
 * own `after` cursor; with `since`, only conversations updated since then. Profiles carry no email or phone: names, the explicit
 * `shop-customer-<id>` referral refs, and identifiers the person typed in the thread (one batch
 * call per 50 threads) can link them. The `<PSID>@facebook.com` address
 * Graph puts on participants and messages is a relay, never an email of the person.
 */
export async function readIdentityFeed(connector: SocialConnector, log: SocialEventLog, args: { after: string | null; limit: number; since?: Date | null }): Promise<SourceRecordPage> {
  const pages = await connector.listPages();
  const start = args.after ? decodeCursor(args.after) : null;
  let index = start ? pages.findIndex((page) => page.id === start.pageId) : 0;
  if (index < 0) throw badInput('after names a page this token no longer manages', 'after');
  let after = start?.after ?? null;
  for (; index < pages.length; index++, after = null) {
    const page = pages[index];
    if (!page) break;
    const edge = await connector.listConversations(page, { after, limit: Math.min(args.limit, MAX_CONVERSATIONS_PER_PAGE) });
    // Graph lists a page's conversations most recently updated first and has no updated-since
    // filter on this edge: an incremental read stops at the first one older than `since`.
    const since = args.since?.getTime();
    const fresh = since === undefined ? edge.data : edge.data.filter((c) => Date.parse(c.updated_time ?? '') >= since);
    const moreOnPage = fresh.length === edge.data.length && edge.paging?.next !== undefined && edge.paging.cursors?.after !== undefined;
    const nextPage = pages[index + 1];
    const next = moreOnPage
      ? encodeCursor({ pageId: page.id, after: edge.paging?.cursors?.after ?? null })
      : nextPage
        ? encodeCursor({ pageId: nextPage.id, after: null })
        : null;
    if (fresh.length === 0 && moreOnPage === false) continue;
    return { records: await recordsOf(connector, log, fresh), next };
  }
  return { records: [], next: null };
}

async function recordsOf(connector: SocialConnector, log: SocialEventLog, conversations: GraphConversation[]): Promise<SourceRecord[]> {
  // One person per thread; PSIDs are page-scoped, so a person has one thread per page.
  const people = new Map<string, { participant: GraphParticipant; conversation: GraphConversation }>();
  for (const conversation of conversations) {
    for (const participant of conversation.participants?.data ?? []) {
      if (participant.id !== conversation.page_id && !people.has(participant.id)) people.set(participant.id, { participant, conversation });
    }
  }
  const ids = [...people.keys()];
  const entries = await inChunks(ids, MAX_IDS, (part) => connector.readNodes<GraphProfile>(part, PROFILE_FIELDS));
  const profiles = new Map<string, GraphProfile>();
  for (const [id, result] of entries) {
    if (result instanceof Error) throw result;
    if (result) profiles.set(id, result);
  }
  const threads = ids.map((id) => people.get(id)!.conversation);
  const messages = await inChunks(threads, MAX_IDS, async (part) => {
    const results = await connector.messagesOf(part.map((c) => ({ conversationId: c.id, pageId: c.page_id, limit: MESSAGES_PER_THREAD })));
    return results.map((result) => {
      if (result instanceof Error) throw result;
      return result ?? [];
    });
  });

  return ids.map((id, i) => {
    const { participant, conversation } = people.get(id)!;
    return toSourceRecord({ id, participant, conversation, profile: profiles.get(id), referrals: profiles.has(id) ? log.referralsOf(id) : [], messages: messages[i] ?? [] });
  });
}

/**
 * One person of a thread as a SourceRecord: names from the profile, the referral refs, and the
 * messages the person sent that may hold an identifier (the page's own replies are left out:
 * an agent types the store's number, not the customer's).
 */
export function toSourceRecord(input: {
  id: string;
  participant?: GraphParticipant;
  conversation: GraphConversation;
  profile: GraphProfile | undefined;
  referrals: GraphReferralEvent[];
  messages: GraphMessage[];
}): SourceRecord {
  const { id, participant, conversation, profile } = input;
  const locale = profile?.locale ?? null;
  const typedTexts = typedTextsOf(id, conversation.platform ?? profile?.platform ?? 'messenger', input.messages);
  return {
    system: SYSTEM,
    externalId: id,
    kind: 'profile',
    givenName: profile?.first_name ?? null,
    familyName: profile?.last_name ?? null,
    displayName: profile?.name ?? participant?.name ?? null,
    emails: [],
    phones: [],
    // A profile has no address; its locale is a hint only (`en_US` is what many Thai users run).
    region: null,
    addresses: [],
    consent: [],
    references: referencesOf(input.referrals),
    updatedAt: isoTime(conversation.updated_time),
    ...(locale ? { hints: { locale } } : {}),
    ...(typedTexts.length > 0 ? { typedTexts } : {}),
  };
}


export function typedTextsOf(personId: string, channel: string, messages: readonly GraphMessage[]): TypedText[] {
  return messages
    .filter((m) => m.from?.id === personId && typeof m.message === 'string' && MAY_HOLD_IDENTIFIER.test(m.message))
    .map((m) => ({ text: m.message!, channel, messageId: m.id, at: isoTime(m.created_time) }))
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.messageId < y.messageId ? -1 : 1));
}

export function referencesOf(events: GraphReferralEvent[]): SourceReference[] {
  const seen = new Set<string>();
  const out: SourceReference[] = [];
  for (const event of events) {
    const shopId = SHOP_REF.exec(event.referral.ref ?? '')?.[1];
    if (shopId && !seen.has(shopId)) {
      seen.add(shopId);
      out.push({ system: 'shop', externalId: shopId, via: 'messenger referral ref' });
    }
  }
  return out;
}
