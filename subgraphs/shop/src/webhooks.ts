import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityCache } from '../../../lib/cache.ts';
import { sendJson } from '../../../lib/http-graphql.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import { answerRefusal, answerReplay, headerOf, receiveWebhook, replayKey, sameSignature, shopifyResourceVersion, shopifySignature, type ReplayGuard } from '../../../lib/webhooks.ts';
import type { Config } from './config.ts';

export const WEBHOOK_PATH = '/webhooks/shop';
/** The Shopify topics that change what this subgraph caches. */
export const CACHE_TOPICS = ['customers/create', 'customers/update', 'customers/delete', 'orders/create', 'orders/updated', 'orders/fulfilled', 'orders/cancelled', 'products/update', 'products/delete'];
/**
 * How long a delivery's replay key is remembered. Shopify signs no time, so no window refuses an
 * old delivery; Shopify retries for 4 hours, so a day covers every redelivery. A replay older
 * than this (or after a restart, without Redis) invalidates the same cache entries once more:
 * harmless, and bounded by the guard's size.
 */
export const REPLAY_TTL_MS = 24 * 3600_000;
/** Resources cached only while webhooks tell us of changes made outside this subgraph (an order placed at checkout). */
export const WEBHOOK_ONLY = ['orders-by-customer'];

/** Cache keys a Shopify event makes stale. */
export function staleKeys(topic: string, body: Record<string, unknown>): [string, string][] {
  const id = body.id === undefined || body.id === null ? null : String(body.id);
  if (topic.startsWith('orders/')) {
    const customerId = (body.customer as { id?: unknown } | undefined)?.id;
    return customerId === undefined || customerId === null ? [] : [['orders-by-customer', String(customerId)]];
  }
  if (topic.startsWith('customers/')) return id ? [['customer', id], ['orders-by-customer', id]] : [];
  if (topic.startsWith('products/')) {
    const skus = ((body.variants as { sku?: string | null }[] | undefined) ?? []).map((v) => v.sku).filter((s): s is string => !!s);
    return [...(id ? [['product', id] as [string, string]] : []), ...skus.map((sku): [string, string] => ['variant-sku', sku])];
  }
  return [];
}

/**
 * `POST /webhooks/shop`: Shopify's signed events (`X-Shopify-Hmac-Sha256` over the raw body with
 * the app's client secret; 401 when it does not match), each deleting the cache entries it makes
 * stale before answering 200. A delivery whose signed bytes (body, with topic and resource
 * version) were acted on before is a replay: answered 200 and ignored, whatever its
 * `X-Shopify-Webhook-Id` says (that header is not signed).
 */
export function webhookRoutes(config: Config, cache: EntityCache, guard: ReplayGuard) {
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const received = await receiveWebhook(req, res, [WEBHOOK_PATH]);
    if (received === null) return false;
    if (received === 'answered') return true;
    const { raw } = received;
    const at = { vendor: 'shopify', receiver: 'shop' };
    if (!sameSignature(shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, raw), headerOf(req, 'x-shopify-hmac-sha256'))) {
      answerRefusal(res, info.logger, { ...at, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID', reason: 'invalid signature' });
      return true;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      answerRefusal(res, info.logger, { ...at, status: 400, code: 'BAD_REQUEST', reason: 'body is not JSON' });
      return true;
    }
    const topic = headerOf(req, 'x-shopify-topic') ?? '';
    const version = shopifyResourceVersion(body);
    const key = replayKey({ vendor: 'shopify', topic, ...version }, raw);
    if (!(await guard.claim(key))) {
      answerReplay(res, info.logger, { ...at, key, topic, ...version });
      return true;
    }
    const keys = staleKeys(topic, body);
    try {
      await cache.del(keys);
    } catch (error) {
      // Not acted on: Shopify's retry must be.
      await guard.release(key);
      throw error;
    }
    info.logger.debug({ topic, invalidated: keys.length }, 'cache invalidated by webhook');
    sendJson(res, 200, { ok: true, invalidated: keys.length });
    return true;
  };
}

/** Subscribes `<baseUrl>/webhooks/shop` to every cache topic with Shopify's own API (`POST webhooks.json`, one per topic). */
export async function registerWebhooks(config: Config, baseUrl: string): Promise<string> {
  const address = `${baseUrl.replace(/\/$/, '')}${WEBHOOK_PATH}`;
  for (const topic of CACHE_TOPICS) {
    const res = await fetch(`${config.UPSTREAM_URL.replace(/\/$/, '')}/admin/api/${config.SHOP_API_VERSION}/webhooks.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': config.UPSTREAM_TOKEN },
      body: JSON.stringify({ webhook: { topic, address, format: 'json' } }),
      signal: AbortSignal.timeout(config.UPSTREAM_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`Shopify webhook subscription ${topic} failed: HTTP ${res.status} ${await res.text()}`);
  }
  return address;
}

/** Registers at start, retrying while the vendor is still starting; until then (or if it never works) orders by customer are not cached. */
export async function subscribeForCache(config: Config, cache: EntityCache, baseUrl: string, logger: Logger): Promise<void> {
  if (!cache.enabled) return;
  cache.disable(...WEBHOOK_ONLY);
  for (let attempt = 1; ; attempt++) {
    try {
      const address = await registerWebhooks(config, baseUrl);
      logger.info({ address }, 'cache invalidation webhooks registered');
      cache.enable(...WEBHOOK_ONLY);
      return;
    } catch (error) {
      if (attempt >= 5) {
        logger.error({ err: error }, 'cache invalidation webhooks could not be registered: orders are not cached');
        return;
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
