import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache, type EntityCache } from '../../../lib/cache.ts';
import { createLogger } from '../../../lib/logger.ts';
import { registry } from '../../../lib/metrics.ts';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { createReplayGuard, MemoryReplayGuard, shopifySignature } from '../../../lib/webhooks.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { webhookRoutes } from '../src/webhooks.ts';

/** The Shopify receiver on real HTTP with an in-memory cache: what a delivery deletes is observable. */
describe('shop webhook receiver: replay protection', () => {
  const config = loadSubgraphConfig({ PORT: '0', UPSTREAM_URL: 'http://127.0.0.1:9', CACHE_STORE: 'memory' });
  let cache: EntityCache;
  let running: RunningSubgraph;
  let origin: string;
  beforeAll(async () => {
    cache = createCache('shop', config, { customer: 60_000, 'orders-by-customer': 60_000 });
    running = await startSubgraph(
      { name: 'shop', typeDefs: parse('type Query { ok: Boolean }'), resolvers: {}, createContext: () => ({}), routes: webhookRoutes(config, cache, new MemoryReplayGuard({ ttlMs: 60_000 })) },
      { port: 0, logger: createLogger('shop-webhooks-test', 'silent') },
    );
    origin = new URL(running.url).origin;
  });
  afterAll(async () => {
    await running.close();
    await cache.close();
  });

  const deliver = (body: string, webhookId: string, topic = 'customers/update', secret = config.SHOPIFY_WEBHOOK_SECRET) =>
    fetch(`${origin}/webhooks/shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-webhook-id': webhookId, 'x-shopify-hmac-sha256': shopifySignature(secret, body) },
      body,
    });
  const cached = async () => (await cache.get('customer', '501')) !== undefined;
  const replays = async () => (await registry.getSingleMetric('omnigraph_webhook_replays_total')!.get()).values.find((v) => v.labels.receiver === 'shop')?.value ?? 0;

  it('ignores the same signed body under a new X-Shopify-Webhook-Id: 200, counted, the cache untouched', async () => {
    const body = JSON.stringify({ id: 501, email: 'a@example.com', updated_at: '2026-12-01T10:00:00+07:00' });
    await cache.set('customer', '501', { id: 501 });
    const first = await deliver(body, 'wh-1');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, invalidated: 2 });
    expect(await cached()).toBe(false);

    await cache.set('customer', '501', { id: 501 });
    const before = await replays();
    const replay = await deliver(body, 'wh-forged-2');
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect(await cached()).toBe(true);
    expect(await replays()).toBe(before + 1);
  });

  it('acts on a changed body (a new updated_at) of the same resource', async () => {
    await cache.set('customer', '501', { id: 501 });
    const changed = await deliver(JSON.stringify({ id: 501, email: 'b@example.com', updated_at: '2026-12-01T11:00:00+07:00' }), 'wh-3');
    expect(await changed.json()).toEqual({ ok: true, invalidated: 2 });
    expect(await cached()).toBe(false);
  });

  it('refuses a body signed with another secret (401, coded) and deletes nothing', async () => {
    await cache.set('customer', '501', { id: 501 });
    const res = await deliver(JSON.stringify({ id: 501, updated_at: '2026-12-01T12:00:00+07:00' }), 'wh-4', 'customers/update', 'not-the-secret');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid signature', code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect(await cached()).toBe(true);
  });
});

describe('shop webhook receiver: replicas sharing Redis', () => {
  it('a body acted on by one replica is a replay at the other (keys in Redis with the cache)', async () => {
    const config = loadSubgraphConfig({ PORT: '0', UPSTREAM_URL: 'http://127.0.0.1:9', CACHE_STORE: 'memory' });
    const namespace = `webhooks-test-${randomUUID()}`;
    const replicas = await Promise.all(
      [0, 1].map(async () => {
        const cache = createCache('shop', config, { customer: 60_000 });
        const guard = createReplayGuard({ redisUrl: 'redis://127.0.0.1:6379', namespace, ttlMs: 60_000 });
        const running = await startSubgraph(
          { name: 'shop', typeDefs: parse('type Query { ok: Boolean }'), resolvers: {}, createContext: () => ({}), routes: webhookRoutes(config, cache, guard) },
          { port: 0, logger: createLogger('shop-webhooks-test', 'silent') },
        );
        return { origin: new URL(running.url).origin, close: async () => (await running.close(), await guard.close(), await cache.close()) };
      }),
    );
    try {
      const body = JSON.stringify({ id: 777, updated_at: '2026-12-01T10:00:00+07:00' });
      const deliver = (origin: string, webhookId: string) =>
        fetch(`${origin}/webhooks/shop`, {
          method: 'POST',
          headers: { 'x-shopify-topic': 'customers/update', 'x-shopify-webhook-id': webhookId, 'x-shopify-hmac-sha256': shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, body) },
          body,
        }).then((r) => r.json());
      expect(await deliver(replicas[0]!.origin, 'a')).toEqual({ ok: true, invalidated: 2 });
      expect(await deliver(replicas[1]!.origin, 'b')).toEqual({ ok: true, duplicate: true });
    } finally {
      for (const r of replicas) await r.close();
    }
  });
});
