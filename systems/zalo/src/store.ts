import { createHash } from 'node:crypto';
import { readPlatformRows } from '../../lib/social-rows.ts';

/**
 * The Zalo Official Account of the data set: the `platform: "zalo"` rows of `social/*.ndjson`
 * (systems/DATA-FORMAT.md), served as the Zalo OA Open API does.
 */

export interface ZaloUser {
  user_id: string;
  display_name: string;
  avatar: string;
  /** `dd/MM/yyyy`, as Zalo writes it. */
  user_last_interaction_date: string;
  user_is_follower: boolean;
}

/** One message of a conversation (`GET /v2.0/oa/conversation`): `src` 0 = sent by the OA, 1 = by the user. */
export interface ZaloMessage {
  message_id: string;
  src: 0 | 1;
  time: number;
  type: 'text';
  message: string;
  from_id: string;
  to_id: string;
}

export interface ZaloEvent {
  event_name: 'follow' | 'user_send_text';
  userId: string;
  timestamp: number;
  messageId?: string;
  text?: string;
}

/** Zalo message ids are 32 hex characters. */
const zaloMessageId = (seed: string) => createHash('md5').update(seed).digest('hex');
const ddMMyyyy = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

export class ZaloStore {
  oa = { oa_id: '0', name: 'Omni Store', app_id: '0' };
  private readonly users = new Map<string, ZaloUser>();
  /** Followers in the order they followed (the order of getlist). */
  readonly followers: string[] = [];
  /** Per user, newest message first. */
  private readonly messages = new Map<string, ZaloMessage[]>();
  readonly sent: ZaloMessage[] = [];

  static async load(dataDir: string, appId: string): Promise<ZaloStore> {
    const store = new ZaloStore();
    const rows = await readPlatformRows(dataDir, 'zalo');
    if (!rows) return store;
    const { page, profiles, threads, messages } = rows;
    store.oa = { oa_id: page.id, name: page.name, app_id: appId };
    for (const row of profiles) {
      store.users.set(row.id, {
        user_id: row.id,
        // Zalo shows the name the person set, family name first in Vietnamese.
        display_name: row.name ?? [row.last_name, row.first_name].filter(Boolean).join(' '),
        avatar: row.profile_pic ?? 'https://s120-ava-talk.zadn.vn/default',
        user_last_interaction_date: '',
        user_is_follower: true,
      });
      store.followers.push(row.id);
    }
    for (const m of messages) {
      const thread = threads.get(m.conversation_id);
      if (!thread) continue;
      const userId = thread.participants.data.find((p) => p.id !== page.id)?.id;
      if (!userId || !store.users.has(userId)) continue;
      const fromUser = m.from.id === userId;
      store.push(userId, {
        message_id: zaloMessageId(m.id),
        src: fromUser ? 1 : 0,
        time: Date.parse(m.created_time.replace('+0000', 'Z')),
        type: 'text',
        message: m.message,
        from_id: fromUser ? userId : page.id,
        to_id: fromUser ? page.id : userId,
      });
    }
    for (const [userId, list] of store.messages) {
      list.sort((a, b) => b.time - a.time);
      const user = store.users.get(userId)!;
      user.user_last_interaction_date = ddMMyyyy(list.find((m) => m.src === 1)?.time ?? list[0]!.time);
    }
    return store;
  }

  user(userId: string): ZaloUser | undefined {
    return this.users.get(userId);
  }

  conversation(userId: string): ZaloMessage[] {
    return this.messages.get(userId) ?? [];
  }

  private push(userId: string, message: ZaloMessage): void {
    const list = this.messages.get(userId);
    if (list) list.unshift(message);
    else this.messages.set(userId, [message]);
  }

  /** The OA sends a customer-service message now. */
  send(userId: string, text: string, now = Date.now()): ZaloMessage {
    const message: ZaloMessage = { message_id: zaloMessageId(`sent:${userId}:${now}:${this.sent.length}`), src: 0, time: now, type: 'text', message: text, from_id: this.oa.oa_id, to_id: userId };
    this.push(userId, message);
    this.sent.push(message);
    return message;
  }

  /** The user writes to the OA now (tests; the stand-in then sends the webhook). */
  inbound(userId: string, text: string, now = Date.now()): ZaloMessage {
    const message: ZaloMessage = { message_id: zaloMessageId(`in:${userId}:${now}:${Math.random()}`), src: 1, time: now, type: 'text', message: text, from_id: userId, to_id: this.oa.oa_id };
    this.push(userId, message);
    this.users.get(userId)!.user_last_interaction_date = ddMMyyyy(now);
    return message;
  }
}
