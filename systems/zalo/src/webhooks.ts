import { zaloSignature } from '../../../lib/webhooks.ts';
import { postWebhook } from '../../lib/webhooks.ts';
import type { ZaloStore } from './store.ts';

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
    // Zalo OA "Xác thực webhook": `timeStamp` is the body's own `timestamp` field (milliseconds, as a string).
    const mac = zaloSignature(this.store.oa.app_id, raw, String(body.timestamp), this.secretKey);
    const status = await postWebhook(this.url, raw, { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, 5_000);
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
