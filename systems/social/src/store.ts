import { readResource } from '../../lib/ndjson.ts';

/**
 * Objects exactly as the data set stores them (systems/DATA-FORMAT.md, social/*). The data set's
 * LINE and Zalo rows are served by their own stand-ins (systems/line, systems/zalo), in their
 * vendors' shapes: this Meta stand-in loads Messenger and Instagram only.
 */
export type Platform = 'messenger' | 'instagram';
const META_PLATFORMS: ReadonlySet<string> = new Set<Platform>(['messenger', 'instagram']);
const onMeta = (row: { platform: string }) => META_PLATFORMS.has(row.platform);

export interface PageRow {
  id: string;
  name: string;
  platform: Platform;
}

export interface ProfileRow {
  id: string;
  first_name?: string | null;
  last_name?: string | null;
  name?: string | null;
  profile_pic?: string | null;
  locale?: string | null;
  page_id: string;
  platform: Platform;
}

export interface Participant {
  id: string;
  name?: string;
  email?: string;
}

export interface ConversationRow {
  id: string;
  participants: { data: Participant[] };
  updated_time: string;
  message_count: number;
  unread_count: number;
  page_id: string;
  platform: Platform;
}

export interface MessageRow {
  id: string;
  created_time: string;
  from: Participant;
  to: { data: Participant[] };
  message: string;
  conversation_id: string;
}

export interface ReferralRow {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  referral: {
    ref?: string;
    ad_id?: string;
    source: string;
    type: string;
    ads_context_data?: Record<string, string>;
  };
}

export type Node =
  | { kind: 'page'; row: PageRow }
  | { kind: 'profile'; row: ProfileRow }
  | { kind: 'conversation'; row: ConversationRow }
  | { kind: 'message'; row: MessageRow };

/** Graph's own timestamp format: `2026-01-10T10:00:00+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

const byTimeDesc = (a: string, b: string) => Date.parse(b.replace('+0000', 'Z')) - Date.parse(a.replace('+0000', 'Z'));

/** In-memory indexes over the data set, shaped by how the Graph endpoints read them. */
export class SocialStore {
  readonly pages: PageRow[] = [];
  private readonly nodes = new Map<string, Node>();
  /** Per page, newest conversation first (the order of `/{page-id}/conversations`). */
  private readonly conversationsByPage = new Map<string, ConversationRow[]>();
  /** Per conversation, newest message first (the order of Graph's messages edge). */
  private readonly messagesByConversation = new Map<string, MessageRow[]>();
  /** The data set's referral events on Meta pages, oldest first: sent as webhooks (webhooks.ts), Graph has no read API for them. */
  private readonly referrals: ReferralRow[] = [];
  private sent = 0;

  static async load(dataDir: string): Promise<SocialStore> {
    const store = new SocialStore();
    const [allPages, allProfiles, allConversations, allMessages, referrals] = await Promise.all([
      readResource<PageRow>(dataDir, 'social', 'pages'),
      readResource<ProfileRow>(dataDir, 'social', 'profiles'),
      readResource<ConversationRow>(dataDir, 'social', 'conversations'),
      readResource<MessageRow>(dataDir, 'social', 'messages'),
      readResource<ReferralRow>(dataDir, 'social', 'referrals'),
    ]);
    const pages = allPages.filter(onMeta);
    const profiles = allProfiles.filter(onMeta);
    const conversations = allConversations.filter(onMeta);
    const metaThreads = new Set(conversations.map((c) => c.id));
    const messages = allMessages.filter((m) => metaThreads.has(m.conversation_id));
    for (const row of pages) {
      store.pages.push(row);
      store.nodes.set(row.id, { kind: 'page', row });
    }
    for (const row of profiles) store.nodes.set(row.id, { kind: 'profile', row });
    for (const row of conversations) {
      store.nodes.set(row.id, { kind: 'conversation', row });
      push(store.conversationsByPage, row.page_id, row);
    }
    for (const row of messages) {
      store.nodes.set(row.id, { kind: 'message', row });
      push(store.messagesByConversation, row.conversation_id, row);
    }
    const metaPages = new Set(pages.map((p) => p.id));
    // A loop, not push(...rows): spreading a million referrals into arguments overflows the stack.
    for (const row of referrals.filter((r) => metaPages.has(r.recipient.id)).sort((a, b) => a.timestamp - b.timestamp)) store.referrals.push(row);
    for (const list of store.conversationsByPage.values()) list.sort((a, b) => byTimeDesc(a.updated_time, b.updated_time));
    for (const list of store.messagesByConversation.values()) list.sort((a, b) => byTimeDesc(a.created_time, b.created_time));
    return store;
  }

  node(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  conversationsOf(pageId: string): ConversationRow[] {
    return this.conversationsByPage.get(pageId) ?? [];
  }

  messagesOf(conversationId: string): MessageRow[] {
    return this.messagesByConversation.get(conversationId) ?? [];
  }

  page(id: string): PageRow | undefined {
    const node = this.nodes.get(id);
    return node?.kind === 'page' ? node.row : undefined;
  }

  /** Oldest first. */
  referralHistory(): readonly ReferralRow[] {
    return this.referrals;
  }

  /** Send API: appends the page's message to the person's thread (opening one if needed). */
  /** A message in the person's thread with the page: sent by the page, or (`from: 'person'`, a test writing as the customer) by them. */
  send(page: PageRow, profile: ProfileRow, text: string, now = new Date(), from: 'page' | 'person' = 'page'): MessageRow {
    const list = this.conversationsByPage.get(page.id) ?? [];
    let conversation = list.find((c) => c.participants.data.some((p) => p.id === profile.id));
    if (!conversation) {
      conversation = {
        id: `t_${Date.now()}${list.length}`,
        participants: { data: [participant(profile.id, profile.name), participant(page.id, page.name)] },
        updated_time: graphTime(now),
        message_count: 0,
        unread_count: 0,
        page_id: page.id,
        platform: page.platform,
      };
      this.nodes.set(conversation.id, { kind: 'conversation', row: conversation });
      push(this.conversationsByPage, page.id, conversation);
    }
    this.sent += 1;
    const message: MessageRow = {
      id: `m_${Date.now().toString(36)}${this.sent}`,
      created_time: graphTime(now),
      from: from === 'page' ? participant(page.id, page.name) : participant(profile.id, profile.name),
      to: { data: from === 'page' ? [{ id: profile.id, name: profile.name ?? '' }] : [{ id: page.id, name: page.name ?? '' }] },
      message: text,
      conversation_id: conversation.id,
    };
    this.nodes.set(message.id, { kind: 'message', row: message });
    this.messagesByConversation.set(conversation.id, [message, ...this.messagesOf(conversation.id)]);
    conversation.updated_time = message.created_time;
    conversation.message_count += 1;
    // The thread moves to the top of the page's inbox, as on Messenger.
    this.conversationsByPage.set(page.id, [conversation, ...list.filter((c) => c !== conversation)]);
    return message;
  }
}

function participant(id: string, name: string | null | undefined): Participant {
  return { id, name: name ?? '', email: `${id}@facebook.com` };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
