import { createHmac, randomUUID } from 'node:crypto';

/**
 * Signed webhook delivery for the stand-ins, with the vendors' signatures and redelivery:
 *  - Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256(app client secret, raw body),
 *    `X-Shopify-Webhook-Id` (the idempotency key, the same on every redelivery), `X-Shopify-Topic`.
 *  - Square: `x-square-hmacsha256-signature` = base64 HMAC-SHA256(subscription signature key,
 *    notification URL + raw body); the body's `event_id` is the idempotency key;
 *    `square-retry-number` counts redeliveries.
 * A delivery that does not get a 2xx is retried with exponential backoff (the same payload,
 * the same id) up to `maxAttempts`; the receiver deduplicates on the id.
 */
export interface WebhookSubscription {
  id: string;
  topic: string;
  address: string;
  /** Square: the subscription's signature key (Shopify signs with the app's client secret). */
  signatureKey?: string;
}

export interface Delivery {
  id: string;
  topic: string;
  address: string;
  attempts: number;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  lastStatus: number | null;
}

export interface WebhookEmitterOptions {
  vendor: 'shopify' | 'square';
  /** Shopify app client secret. */
  secret?: string;
  maxAttempts?: number;
  baseDelayMs?: number;
}

export const signShopify = (secret: string, rawBody: string) => createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
export const signSquare = (key: string, url: string, rawBody: string) => createHmac('sha256', key).update(url + rawBody, 'utf8').digest('base64');

export class WebhookEmitter {
  readonly subscriptions: WebhookSubscription[] = [];
  readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: WebhookEmitterOptions) {}

  subscribe(sub: Omit<WebhookSubscription, 'id'>): WebhookSubscription {
    const existing = this.subscriptions.find((s) => s.topic === sub.topic && s.address === sub.address);
    if (existing) return existing;
    const created = { id: randomUUID(), ...sub };
    this.subscriptions.push(created);
    return created;
  }

  /** Emits one event to every subscription of its topic. `payload` is the vendor body; for Square it must carry `event_id`. */
  emit(topic: string, payload: Record<string, unknown>, eventId: string = randomUUID()): void {
    for (const sub of this.subscriptions.filter((s) => s.topic === topic)) {
      const body = this.opts.vendor === 'square' ? { ...payload, event_id: eventId } : payload;
      const delivery: Delivery = { id: eventId, topic, address: sub.address, attempts: 0, status: 'PENDING', lastStatus: null };
      this.deliveries.push(delivery);
      void this.attempt(sub, delivery, JSON.stringify(body));
    }
  }

  /** Sends a delivery again exactly as the first time (tests: a redelivered event). */
  async redeliver(eventId: string): Promise<number[]> {
    const statuses: number[] = [];
    for (const delivery of this.deliveries.filter((d) => d.id === eventId)) {
      const sub = this.subscriptions.find((s) => s.topic === delivery.topic && s.address === delivery.address);
      const raw = this.bodies.get(`${eventId}|${delivery.address}`);
      if (sub && raw) statuses.push(await this.send(sub, delivery, raw));
    }
    return statuses;
  }

  private readonly bodies = new Map<string, string>();

  private async send(sub: WebhookSubscription, delivery: Delivery, raw: string): Promise<number> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.vendor === 'shopify') {
      headers['x-shopify-topic'] = delivery.topic;
      headers['x-shopify-hmac-sha256'] = signShopify(this.opts.secret ?? '', raw);
      headers['x-shopify-webhook-id'] = delivery.id;
      headers['x-shopify-event-id'] = delivery.id;
      headers['x-shopify-api-version'] = '2024-04';
      headers['x-shopify-shop-domain'] = 'omni-store.myshopify.com';
      headers['x-shopify-triggered-at'] = new Date().toISOString();
    } else {
      headers['x-square-hmacsha256-signature'] = signSquare(sub.signatureKey ?? '', sub.address, raw);
      headers['square-environment'] = 'Sandbox';
      headers['square-retry-number'] = String(Math.max(0, delivery.attempts - 1));
    }
    return postWebhook(sub.address, raw, headers, 5_000);
  }

  private async attempt(sub: WebhookSubscription, delivery: Delivery, raw: string): Promise<void> {
    this.bodies.set(`${delivery.id}|${delivery.address}`, raw);
    delivery.attempts += 1;
    const status = await this.send(sub, delivery, raw);
    delivery.lastStatus = status;
    if (status >= 200 && status < 300) {
      delivery.status = 'DELIVERED';
      return;
    }
    const max = this.opts.maxAttempts ?? 8;
    if (delivery.attempts >= max) {
      delivery.status = 'FAILED';
      return;
    }
    const delay = (this.opts.baseDelayMs ?? 200) * 2 ** (delivery.attempts - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(sub, delivery, raw);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** POSTs one webhook body; the receiver's HTTP status, 0 when it could not be reached in time. */
export async function postWebhook(url: string, raw: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<number> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * LINE's and Meta's redelivery: a body not answered with 200 is sent again, at most `maxAttempts`
 * times, with exponential back-off. `attempt(n)` sends the n-th try (0 first) and gives its status;
 * `record` counts the tries and keeps the last status (the stand-ins' delivery logs).
 */
export async function deliverUntilOk(
  attempt: (n: number) => Promise<number>,
  record: { attempts: number; status: number },
  opts: { maxAttempts?: number; baseDelayMs?: number } = {},
): Promise<void> {
  const max = opts.maxAttempts ?? 4;
  for (let n = 0; n < max; n++) {
    record.attempts += 1;
    record.status = await attempt(n);
    if (record.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, (opts.baseDelayMs ?? 200) * 2 ** n).unref());
  }
}
