import { createHash } from 'node:crypto';
import { readPlatformRows } from '../../lib/social-rows.ts';

/**
 * The LINE Official Account of the data set. The data set keeps every platform's threads in
 * `social/*.ndjson` (systems/DATA-FORMAT.md); this stand-in reads the `platform: "line"` rows
 * and serves them the way LINE's Messaging API does: profiles by user id, the account's
 * followers, and the people's messages only as webhook events (LINE has no API to read a chat).
 */

/** `GET /v2/bot/profile/{userId}`, as LINE answers it. */
export interface LineProfile {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
}

/** One thing that happened on the account, later sent as a webhook event. */
export type LineEvent =
  | { type: 'follow'; userId: string; timestamp: number; webhookEventId: string }
  | { type: 'message'; userId: string; timestamp: number; webhookEventId: string; messageId: string; text: string };

export interface SentMessage {
  id: string;
  quoteToken: string;
  to: string;
  text: string;
  at: number;
}

/** LINE message ids are numeric strings (18 digits); the data set's are `m_…`: derived, stable. */
export const lineMessageId = (seed: string) => (BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 15)}`) + 100_000_000_000_000_000n).toString();
/** Webhook event ids are ULIDs (26 Crockford base32 characters). */
export function ulidOf(seed: string, time: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let t = BigInt(time);
  let head = '';
  for (let i = 0; i < 10; i++, t /= 32n) head = alphabet[Number(t % 32n)] + head;
  const hash = createHash('sha256').update(seed).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet[hash[i]! % 32];
  return head + tail;
}

/** `pictureUrl` is on LINE's CDN, `statusMessage` is the person's own; `language` a BCP 47 tag. */
const languageOf = (locale: string | null | undefined) => (locale ? locale.split(/[_-]/)[0] : undefined);

export class LineStore {
  /** The channel: one LINE Official Account (the data set's first LINE page). */
  bot = { userId: 'U00000000000000000000000000000000', basicId: '@000omni', displayName: 'Omni Store', pictureUrl: undefined as string | undefined };
  private readonly profiles = new Map<string, LineProfile>();
  /** Followers in the order they added the account (the order of `/v2/bot/followers/ids`). */
  readonly followers: string[] = [];
  /** Past events, oldest first: what the account's webhook receiver would have been sent. */
  readonly history: LineEvent[] = [];
  readonly sent: SentMessage[] = [];
  /** Reply tokens handed out with message and follow events, each usable once. */
  private readonly replyTokens = new Map<string, { userId: string; issuedAt: number }>();

  static async load(dataDir: string): Promise<LineStore> {
    const store = new LineStore();
    const rows = await readPlatformRows(dataDir, 'line');
    if (!rows) return store;
    const { page, profiles, messages } = rows;
    store.bot = {
      userId: `U${createHash('md5').update(`line-bot:${page.id}`).digest('hex')}`,
      basicId: `@${page.id.slice(-6)}omni`,
      displayName: page.name,
      pictureUrl: undefined,
    };
    for (const row of profiles) {
      const displayName = row.name ?? [row.first_name, row.last_name].filter(Boolean).join(' ');
      const language = languageOf(row.locale);
      store.profiles.set(row.id, {
        userId: row.id,
        displayName,
        ...(row.profile_pic ? { pictureUrl: row.profile_pic } : {}),
        ...(language ? { language } : {}),
      });
    }
    const firstSeen = new Map<string, number>();
    for (const m of messages) {
      const at = Date.parse(m.created_time.replace('+0000', 'Z'));
      if (!firstSeen.has(m.from.id) || firstSeen.get(m.from.id)! > at) firstSeen.set(m.from.id, at);
      // Only what the person wrote arrives by webhook; the account's own replies were pushes.
      if (m.from.id === page.id || !store.profiles.has(m.from.id)) continue;
      store.history.push({ type: 'message', userId: m.from.id, timestamp: at, webhookEventId: ulidOf(m.id, at), messageId: lineMessageId(m.id), text: m.message });
    }
    for (const userId of store.profiles.keys()) {
      // A person follows the account before writing to it (or, without a thread, a year before the data set's newest message).
      const at = (firstSeen.get(userId) ?? Date.parse('2025-01-01T00:00:00Z')) - 60_000;
      store.history.push({ type: 'follow', userId, timestamp: at, webhookEventId: ulidOf(`follow:${userId}`, at) });
    }
    store.history.sort((a, b) => a.timestamp - b.timestamp || (a.webhookEventId < b.webhookEventId ? -1 : 1));
    for (const event of store.history) if (event.type === 'follow') store.followers.push(event.userId);
    return store;
  }

  profile(userId: string): LineProfile | undefined {
    return this.profiles.get(userId);
  }

  /** A reply token for an event sent now (LINE: usable once, for a short while). */
  issueReplyToken(userId: string, now = Date.now()): string {
    const token = createHash('sha256').update(`${userId}:${now}:${Math.random()}`).digest('hex').slice(0, 32);
    this.replyTokens.set(token, { userId, issuedAt: now });
    return token;
  }

  /** Spends a reply token: the user it was issued for, or null when unknown, used or expired. */
  spendReplyToken(token: string, now = Date.now(), ttlMs = 60_000): string | null {
    const entry = this.replyTokens.get(token);
    if (!entry) return null;
    this.replyTokens.delete(token);
    return now - entry.issuedAt <= ttlMs ? entry.userId : null;
  }

  send(to: string, texts: string[], now = Date.now()): SentMessage[] {
    const out = texts.map((text, i) => ({ id: lineMessageId(`sent:${to}:${now}:${this.sent.length}:${i}`), quoteToken: createHash('sha256').update(`q:${this.sent.length}:${i}:${now}`).digest('base64url').slice(0, 40), to, text, at: now }));
    this.sent.push(...out);
    return out;
  }

  /** A person writes to the account now (tests; the stand-in then sends the webhook). */
  inbound(userId: string, text: string, now = Date.now()): LineEvent & { type: 'message' } {
    const messageId = lineMessageId(`inbound:${userId}:${now}:${this.history.length}`);
    const event = { type: 'message' as const, userId, timestamp: now, webhookEventId: ulidOf(messageId, now), messageId, text };
    this.history.push(event);
    return event;
  }

  follow(userId: string, now = Date.now()): LineEvent & { type: 'follow' } {
    if (!this.followers.includes(userId)) this.followers.push(userId);
    const event = { type: 'follow' as const, userId, timestamp: now, webhookEventId: ulidOf(`follow:${userId}:${now}`, now) };
    this.history.push(event);
    return event;
  }
}
