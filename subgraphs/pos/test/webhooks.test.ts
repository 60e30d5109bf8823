import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache, type EntityCache } from '../../../lib/cache.ts';
import { createLogger } from '../../../lib/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { MemoryReplayGuard, squareSignature } from '../../../lib/webhooks.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { webhookRoutes } from '../src/webhooks.ts';

/** The Square receiver on real HTTP with an in-memory cache: what a delivery deletes is observable. */
describe('pos webhook receiver: replay protection and signed time', () => {
  const config = loadSubgraphConfig({ PORT: '0', UPSTREAM_URL: 'http://127.0.0.1:9', CACHE_STORE: 'memory' });
  const subscription = { current: null as { url: string; signatureKey: string } | null };
  let cache: EntityCache;
  let running: RunningSubgraph;
  beforeAll(async () => {
    cache = createCache('pos', config, { customer: 60_000, loyalty: 60_000 });
    running = await startSubgraph(
      { name: 'pos', typeDefs: parse('type Query { ok: Boolean }'), resolvers: {}, createContext: () => ({}), routes: webhookRoutes(config, cache, subscription, new MemoryReplayGuard({ ttlMs: 60_000 })) },
      { port: 0, logger: createLogger('pos-webhooks-test', 'silent') },
    );
    subscription.current = { url: `${new URL(running.url).origin}/webhooks/pos`, signatureKey: 'square-subscription-key' };
  });
  afterAll(async () => {
    await running.close();
    await cache.close();
  });

  const event = (eventId: string, createdAt: string, version = 3) =>
    JSON.stringify({ merchant_id: 'M1', type: 'customer.updated', event_id: eventId, created_at: createdAt, data: { type: 'customer', id: 'CUST1', object: { customer: { id: 'CUST1', version } } } });
  const deliver = (body: string) =>
    fetch(subscription.current!.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': squareSignature('square-subscription-key', subscription.current!.url, body) }, body });
  const cached = async () => (await cache.get('customer', 'CUST1')) !== undefined;

  it('ignores a replayed delivery (the same signed bytes): 200, the cache untouched', async () => {
    const body = event('ev-1', new Date().toISOString());
    await cache.set('customer', 'CUST1', { id: 'CUST1' });
    expect(await (await deliver(body)).json()).toEqual({ ok: true, invalidated: 3 });
    expect(await cached()).toBe(false);
    await cache.set('customer', 'CUST1', { id: 'CUST1' });
    const replay = await deliver(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect(await cached()).toBe(true);
  });

  it('acts on a changed body (a new event of the same customer)', async () => {
    await cache.set('customer', 'CUST1', { id: 'CUST1' });
    expect(await (await deliver(event('ev-2', new Date().toISOString(), 4))).json()).toEqual({ ok: true, invalidated: 3 });
    expect(await cached()).toBe(false);
  });

  it('refuses an event whose signed created_at is past Square\'s 72-hour retry horizon (400 WEBHOOK_STALE), deleting nothing', async () => {
    await cache.set('customer', 'CUST1', { id: 'CUST1' });
    const stale = await deliver(event('ev-3', new Date(Date.now() - 73 * 3600_000).toISOString(), 5));
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ code: 'WEBHOOK_STALE' });
    const future = await deliver(event('ev-4', new Date(Date.now() + 3600_000).toISOString(), 6));
    expect(future.status).toBe(400);
    expect(await cached()).toBe(true);
  });
});
