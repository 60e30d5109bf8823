import { lineSignature } from '../../../lib/webhooks.ts';
import { deliverUntilOk, postWebhook } from '../../lib/webhooks.ts';
import type { LineEvent, LineStore } from './store.ts';

/** LINE puts up to this many events in one webhook body; the stand-in sends history in bodies of this size. */
const EVENTS_PER_BODY = 100;

export interface DeliveryRecord {
  webhookEventIds: string[];
  attempts: number;
  status: number;
}

/**
 * Sends webhook bodies as LINE does: `POST <endpoint>` with `{destination, events[]}`, the
 * `x-line-signature` header and `Content-Type: application/json; charset=utf-8`. A body not
 * answered with 200 is sent again (LINE's "webhook redelivery", when the channel turns it on)
 * with `deliveryContext.isRedelivery: true` and the same `webhookEventId`s: receivers dedupe on them.
 */
export class LineWebhooks {
  endpoint: string | null = null;
  readonly deliveries: DeliveryRecord[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LineStore,
    private readonly channelSecret: string,
    private readonly opts: { maxAttempts?: number; baseDelayMs?: number } = {},
  ) {}

  /** The wire shape of one event (Messaging API "Webhook event objects"). */
  render(event: LineEvent, isRedelivery: boolean, replyToken?: string): Record<string, unknown> {
    const common = {
      type: event.type,
      mode: 'active',
      timestamp: event.timestamp,
      source: { type: 'user', userId: event.userId },
      webhookEventId: event.webhookEventId,
      deliveryContext: { isRedelivery },
      ...(replyToken ? { replyToken } : {}),
    };
    if (event.type === 'follow') return { ...common, follow: { isUnblocked: false } };
    return { ...common, message: { id: event.messageId, type: 'text', quoteToken: `q${event.messageId}`, text: event.text } };
  }

  /** Sends events now (a live event gets a reply token that works for a minute). Resolves when answered. */
  send(events: LineEvent[], opts: { live: boolean }): Promise<void> {
    const run = async () => {
      for (let i = 0; i < events.length; i += EVENTS_PER_BODY) {
        await this.deliver(events.slice(i, i + EVENTS_PER_BODY), opts.live);
      }
    };
    // One delivery at a time, in order, as LINE sends a channel's events.
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /** Resolves when every delivery queued so far was answered (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(events: LineEvent[], live: boolean): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint || events.length === 0) return;
    const tokens = events.map((e) => (live ? this.store.issueReplyToken(e.userId) : undefined));
    const record: DeliveryRecord = { webhookEventIds: events.map((e) => e.webhookEventId), attempts: 0, status: 0 };
    this.deliveries.push(record);
    await deliverUntilOk(
      (attempt) => {
        const raw = JSON.stringify({ destination: this.store.bot.userId, events: events.map((e, i) => this.render(e, attempt > 0, tokens[i])) });
        // `x-line-signature`: base64 HMAC-SHA256 of the raw body with the channel secret.
        return postWebhook(endpoint, raw, { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': lineSignature(this.channelSecret, raw), 'user-agent': 'LineBotWebhook/2.0' });
      },
      record,
      this.opts,
    );
  }
}
