import { createHash } from 'node:crypto';
import type { ZaloStore } from './store.ts';

/**
 * Zalo's webhook signature (Zalo OA "Webhook" docs, "Xác thực webhook"):
 * `X-ZEvent-Signature: mac=<hex sha256(appId + data + timeStamp + OAsecretKey)>`, where `data` is
 * the raw body and `timeStamp` the body's own `timestamp` field (milliseconds, as a string).
 */
export const zaloMac = (appId: string, rawBody: string, timestamp: string, oaSecretKey: string) =>
  createHash('sha256').update(appId + rawBody + timestamp + oaSecretKey, 'utf8').digest('hex');

export interface ZaloDelivery {
  event_name: string;
  status: number;
}

/** Sends one event per POST, as Zalo does; a failed delivery is not retried (Zalo does not redeliver). */
export class ZaloWebhooks {
  url: string | null = null;
  readonly deliveries: ZaloDelivery[] = [];

  constructor(
    private readonly store: ZaloStore,
    private readonly secretKey: string,
  ) {}

  async send(body: Record<string, unknown>): Promise<number> {
    if (!this.url) return 0;
    const raw = JSON.stringify({ app_id: this.store.oa.app_id, ...body });
    const mac = zaloMac(this.store.oa.app_id, raw, String(body.timestamp), this.secretKey);
    let status = 0;
    try {
      const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, body: raw, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer().catch(() => undefined);
      status = res.status;
    } catch {
      status = 0;
    }
    this.deliveries.push({ event_name: String(body.event_name), status });
    return status;
  }

  follow(userId: string, now = Date.now()): Promise<number> {
    return this.send({ oa_id: this.store.oa.oa_id, user_id_by_app: userId, event_name: 'follow', timestamp: String(now), source: 'oa_profile', follower: { id: userId } });
  }

  userSendText(userId: string, messageId: string, text: string, now = Date.now()): Promise<number> {
    return this.send({ user_id_by_app: userId, event_name: 'user_send_text', timestamp: String(now), sender: { id: userId }, recipient: { id: this.store.oa.oa_id }, message: { text, msg_id: messageId } });
  }
}
