import { LRUCache } from 'lru-cache';
import type { LineMessageModel } from './mappers.ts';

/** Messages kept per user (newest kept), and users kept in all (least recently active dropped). */
const MESSAGES_PER_USER = 200;
const MAX_USERS = 200_000;
/** webhookEventIds remembered for deduplication (LINE redelivers with the same id). */
const MAX_EVENT_IDS = 500_000;

interface UserLog {
  messages: LineMessageModel[];
  followedAt: number | null;
  lastEventAt: number;
}

/**
 * What this subgraph knows of LINE chats: LINE has no API to read a conversation, so the user's
 * messages are the ones its webhooks delivered, and the account's are the ones this subgraph pushed
 * or replied. One log per process, in memory and bounded; the stand-in sends its history again
 * whenever the endpoint is set (README "Gotchas"). A production deployment would keep it in a
 * database; that is not built yet.
 */
export class LineEventLog {
  /** Least recently active dropped first. */
  private readonly users = new LRUCache<string, UserLog>({ max: MAX_USERS });
  private readonly seen = new LRUCache<string, true>({ max: MAX_EVENT_IDS });
  /** The latest reply token per user (usable once, for about a minute). */
  private readonly replyTokens = new Map<string, { token: string; at: number }>();

  /** False when this event id was seen already (a redelivery): nothing is recorded twice. */
  firstTime(webhookEventId: string): boolean {
    if (this.seen.has(webhookEventId)) return false;
    this.seen.set(webhookEventId, true);
    return true;
  }

  private user(userId: string): UserLog {
    const log = this.users.peek(userId) ?? { messages: [], followedAt: null, lastEventAt: 0 };
    this.users.set(userId, log); // now the most recently active
    return log;
  }

  recordFollow(userId: string, at: number): void {
    const log = this.user(userId);
    log.followedAt = log.followedAt === null ? at : Math.min(log.followedAt, at);
    log.lastEventAt = Math.max(log.lastEventAt, at);
  }

  recordMessage(message: LineMessageModel, replyToken?: string): void {
    const log = this.user(message.userId);
    if (log.messages.some((m) => m.id === message.id)) return;
    log.messages.push(message);
    log.messages.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    if (log.messages.length > MESSAGES_PER_USER) log.messages.length = MESSAGES_PER_USER;
    log.lastEventAt = Math.max(log.lastEventAt, message.at);
    if (replyToken) this.replyTokens.set(message.userId, { token: replyToken, at: Date.now() });
  }

  /** Newest first. */
  messagesOf(userId: string, limit = MESSAGES_PER_USER): LineMessageModel[] {
    return (this.users.peek(userId)?.messages ?? []).slice(0, limit);
  }

  followedAt(userId: string): number | null {
    return this.users.peek(userId)?.followedAt ?? null;
  }

  /** When the user last wrote to the account (the messaging window a reply may use). */
  lastInboundAt(userId: string): number | null {
    return this.users.peek(userId)?.messages.find((m) => m.fromCustomer)?.at ?? null;
  }

  /** Takes the user's latest reply token if it is younger than `maxAgeMs` (used once). */
  takeReplyToken(userId: string, maxAgeMs = 50_000): string | null {
    const entry = this.replyTokens.get(userId);
    this.replyTokens.delete(userId);
    return entry && Date.now() - entry.at <= maxAgeMs ? entry.token : null;
  }

  /** Users with an event at or after `since` (the identity feed's incremental read). */
  activeSince(since: number): string[] {
    // Least recently active first, as they were recorded.
    return [...this.users.rkeys()].filter((userId) => (this.users.peek(userId)?.lastEventAt ?? 0) >= since);
  }
}
