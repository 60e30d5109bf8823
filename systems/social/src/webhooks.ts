import { metaSignature } from '../../../lib/webhooks.ts';
import { deliverUntilOk, postWebhook } from '../../lib/webhooks.ts';
import type { PageRow, ReferralRow, SocialStore } from './store.ts';

/** Webhook objects and the referral field each subscribes to (Messenger: `messaging_referrals`; Instagram: `messaging_referral`). */
export const REFERRAL_FIELD = { page: 'messaging_referrals', instagram: 'messaging_referral' } as const;
export type WebhookObject = keyof typeof REFERRAL_FIELD;

/** Entries a body carries at most when the stand-in sends history (Meta batches up to 1000). */
const ENTRIES_PER_BODY = 100;

export interface AppSubscription {
  object: WebhookObject;
  callbackUrl: string;
  fields: string[];
}

export interface DeliveryRecord {
  object: WebhookObject;
  events: number;
  attempts: number;
  status: number;
}

/**
 * Meta's webhooks for the app: one subscription per object (`page`, `instagram`), set with
 * `POST /{app-id}/subscriptions` after Meta verified the callback (GET with hub.challenge).
 * Bodies are `{object, entry: [{id, time, messaging: [event]}]}`, signed `X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256(app secret, raw body)>`; a body not answered 200 is sent again (Meta
 * retries with back-off), the same bytes: receivers must ignore repeats.
 */
export class MetaWebhooks {
  readonly subscriptions = new Map<WebhookObject, AppSubscription>();
  readonly deliveries: DeliveryRecord[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SocialStore,
    private readonly appSecret: string,
    private readonly opts: { maxAttempts?: number; baseDelayMs?: number } = {},
  ) {}

  /**
   * Stand-in behaviour: once an object is subscribed with its referral field, the data set's
   * referral log for that object's pages is sent to the callback, oldest first: the history a
   * production receiver would have collected. Meta itself does not replay.
   */
  sendHistory(object: WebhookObject): Promise<void> {
    const rows = this.store.referralHistory().filter((row) => objectOf(this.store.page(row.recipient.id)) === object);
    return this.send(object, rows);
  }

  send(object: WebhookObject, rows: readonly ReferralRow[]): Promise<void> {
    const run = async () => {
      for (let i = 0; i < rows.length; i += ENTRIES_PER_BODY) await this.deliver(object, rows.slice(i, i + ENTRIES_PER_BODY));
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /** Resolves when every delivery queued so far was answered (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(object: WebhookObject, rows: readonly ReferralRow[]): Promise<void> {
    const sub = this.subscriptions.get(object);
    if (!sub || !sub.fields.includes(REFERRAL_FIELD[object]) || rows.length === 0) return;
    // One event per entry, as Meta sends messaging events (`messaging` holds one).
    const raw = JSON.stringify({
      object,
      entry: rows.map((row) => ({
        id: row.recipient.id,
        time: row.timestamp,
        messaging: [{ sender: { id: row.sender.id }, recipient: { id: row.recipient.id }, timestamp: row.timestamp, referral: row.referral }],
      })),
    });
    const record: DeliveryRecord = { object, events: rows.length, attempts: 0, status: 0 };
    this.deliveries.push(record);
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(this.appSecret, raw), 'user-agent': 'facebookexternalua' };
    await deliverUntilOk(() => postWebhook(sub.callbackUrl, raw, headers), record, this.opts);
  }
}

/** The webhook object a page's events arrive under. */
export function objectOf(page: PageRow | undefined): WebhookObject | null {
  if (!page) return null;
  return page.platform === 'instagram' ? 'instagram' : 'page';
}

/**
 * Meta's verification request: `GET callback?hub.mode=subscribe&hub.challenge=&hub.verify_token=`;
 * the endpoint must answer 200 with the challenge as its body.
 */
export async function verifyCallback(callbackUrl: string, verifyToken: string): Promise<boolean> {
  const challenge = String(Math.floor(Math.random() * 1e9));
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return res.status === 200 && (await res.text()).trim() === challenge;
  } catch {
    return false;
  }
}

