import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EntityCache } from '../../../lib/cache.ts';
import { sendJson } from '../../../lib/http-graphql.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import {
  answerRefusal,
  answerReplay,
  checkSignedTime,
  CLOCK_SKEW_MS,
  headerOf,
  receiveWebhook,
  replayKey,
  sameSignature,
  SIGNED_TIME_WINDOW_MS,
  squareResourceVersion,
  squareSignature,
  squareSignedAt,
  type ReplayGuard,
} from '../../../lib/webhooks.ts';
import type { Config } from './config.ts';
import { PosConnector } from './connector/index.ts';

export const WEBHOOK_PATH = '/webhooks/pos';
/** The Square events that change what this subgraph caches. */
export const CACHE_EVENTS = ['inventory.count.updated', 'order.created', 'order.updated', 'order.fulfillment.updated', 'customer.created', 'customer.updated', 'customer.deleted', 'loyalty.account.created', 'loyalty.account.updated'];

/**
 * Replay keys are remembered for Square's whole retry horizon (72 hours after the signed
 * `created_at`, plus clock skew): an older delivery is refused by its signed time instead.
 */
export const REPLAY_TTL_MS = SIGNED_TIME_WINDOW_MS.square + CLOCK_SKEW_MS;

/** Resources cached only while webhooks tell us of changes made outside this subgraph (a till's sale). */
export const WEBHOOK_ONLY = ['counts', 'orders-by-customer'];

/** The subscription Square signs with: set once it is registered (at start, index.ts). */
export interface SquareSubscription {
  url: string;
  signatureKey: string;
}

interface SquareEvent {
  type?: string;
  event_id?: string;
  created_at?: string;
  data?: { id?: string; object?: Record<string, unknown> };
}

/** Cache keys an event makes stale. Orders carry no customer in the event: the order is read to find it. */
export async function staleKeys(event: SquareEvent, connector: () => PosConnector): Promise<[string, string][]> {
  const type = event.type ?? '';
  const object = event.data?.object ?? {};
  if (type === 'inventory.count.updated') {
    const counts = (object.inventory_counts as { catalog_object_id?: string }[] | undefined) ?? [];
    return [...new Set(counts.map((c) => c.catalog_object_id).filter((id): id is string => !!id))].map((id) => ['counts', id]);
  }
  if (type.startsWith('order.')) {
    const inner = Object.values(object)[0] as { order_id?: string } | undefined;
    const orderId = inner?.order_id ?? event.data?.id;
    if (!orderId) return [];
    const [order] = await connector().batchRetrieveOrders([orderId]);
    return order?.customer_id ? [['orders-by-customer', order.customer_id]] : [];
  }
  if (type.startsWith('customer.')) {
    const id = (object.customer as { id?: string } | undefined)?.id ?? event.data?.id;
    return id ? [['customer', id], ['loyalty', id], ['orders-by-customer', id]] : [];
  }
  if (type.startsWith('loyalty.account.')) {
    const account = (object.loyalty_account as { customer_id?: string } | undefined) ?? {};
    return account.customer_id ? [['loyalty', account.customer_id]] : [];
  }
  return [];
}

/**
 * `POST /webhooks/pos`: Square's signed events (HMAC of notification URL + body with the
 * subscription's signature key; 401 when it does not match), each deleting the cache entries it
 * makes stale before answering 200. Square signs the body's `created_at`: an event older than
 * Square's 72-hour retry horizon is refused (400 WEBHOOK_STALE); signed bytes seen before are a
 * replay, answered 200 and ignored.
 */
export function webhookRoutes(config: Config, cache: EntityCache, subscription: { current: SquareSubscription | null }, guard: ReplayGuard) {
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const received = await receiveWebhook(req, res, [WEBHOOK_PATH]);
    if (received === null) return false;
    if (received === 'answered') return true;
    const { raw } = received;
    const at = { vendor: 'square', receiver: 'pos' };
    const sub = subscription.current;
    if (!sub || !sameSignature(squareSignature(sub.signatureKey, sub.url, raw), headerOf(req, 'x-square-hmacsha256-signature'))) {
      answerRefusal(res, info.logger, { ...at, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID', reason: 'invalid signature' });
      return true;
    }
    let event: SquareEvent;
    try {
      event = JSON.parse(raw) as SquareEvent;
    } catch {
      answerRefusal(res, info.logger, { ...at, status: 400, code: 'BAD_REQUEST', reason: 'body is not JSON' });
      return true;
    }
    const time = checkSignedTime(squareSignedAt(event), SIGNED_TIME_WINDOW_MS.square);
    if (!time.ok) {
      answerRefusal(res, info.logger, { ...at, status: 400, code: 'WEBHOOK_STALE', reason: time.reason });
      return true;
    }
    const topic = event.type ?? '';
    const version = squareResourceVersion(event);
    const key = replayKey({ vendor: 'square', topic, ...version }, raw);
    if (!(await guard.claim(key))) {
      answerReplay(res, info.logger, { ...at, key, topic, ...version });
      return true;
    }
    let keys: [string, string][];
    try {
      keys = await staleKeys(event, () => new PosConnector(config, info.requestId));
      await cache.del(keys);
    } catch (error) {
      // Not acted on: Square's retry must be.
      await guard.release(key);
      throw error;
    }
    info.logger.debug({ type: event.type, eventId: event.event_id, invalidated: keys.length }, 'cache invalidated by webhook');
    sendJson(res, 200, { ok: true, invalidated: keys.length });
    return true;
  };
}

/** Subscribes `<baseUrl>/webhooks/pos` to the cache events with Square's own API. */
export async function registerWebhooks(config: Config, baseUrl: string): Promise<SquareSubscription> {
  const url = `${baseUrl.replace(/\/$/, '')}${WEBHOOK_PATH}`;
  const res = await fetch(`${config.UPSTREAM_URL.replace(/\/$/, '')}/v2/webhooks/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.UPSTREAM_TOKEN}`, 'content-type': 'application/json', 'square-version': '2025-08-20' },
    body: JSON.stringify({ idempotency_key: randomUUID(), subscription: { name: 'omnigraph pos cache', event_types: CACHE_EVENTS, notification_url: url } }),
    signal: AbortSignal.timeout(config.UPSTREAM_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`Square webhook subscription failed: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { subscription: { signature_key: string } };
  return { url, signatureKey: body.subscription.signature_key };
}

/** Registers at start, retrying while the vendor is still starting; a cache without its webhooks is turned off (never stale). */
export async function subscribeForCache(config: Config, cache: EntityCache, baseUrl: string, holder: { current: SquareSubscription | null }, logger: Logger): Promise<void> {
  if (!cache.enabled) return;
  // Until Square is told to call us, a sale rung up at a till would not reach the cache.
  cache.disable(...WEBHOOK_ONLY);
  for (let attempt = 1; ; attempt++) {
    try {
      holder.current = await registerWebhooks(config, baseUrl);
      logger.info({ url: holder.current.url }, 'cache invalidation webhooks registered');
      cache.enable(...WEBHOOK_ONLY);
      return;
    } catch (error) {
      if (attempt >= 5) {
        logger.error({ err: error }, 'cache invalidation webhooks could not be registered: inventory counts and sales are not cached');
        return;
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
