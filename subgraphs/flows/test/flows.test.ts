import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../lib/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { StepError, type SubgraphCall } from '../src/clients.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { openDb } from '../src/db.ts';
import { FlowEngine, STEPS } from '../src/engine.ts';
import { FlowStore } from '../src/store.ts';
import { shopifySignature, squareSignature } from '../../../lib/webhooks.ts';
import { webhookRoutes } from '../src/webhooks.ts';

const logger = createLogger('flows-test', 'silent');
const config = loadSubgraphConfig({ FLOW_RETRY_BASE_MS: '10', FLOW_RETRY_MAX_MS: '40', FLOW_MAX_ATTEMPTS: '3', FLOW_POLL_MS: '20', FLOW_MUTATION_WAIT_MS: '0' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openStore(dir = 'memory://') {
  const db = await openDb({ dataDir: dir });
  return new FlowStore(db);
}

async function until(check: () => Promise<boolean>, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pickupOrder = { id: 42, name: '#1042', customer: null, line_items: [{ sku: 'SKU-1', quantity: 1 }], shipping_lines: [{ code: 'PICKUP', title: 'Pickup in store' }], note_attributes: [{ name: 'pickup_store_id', value: 'L1STORE' }] };

describe('webhook receivers', () => {
  async function serve() {
    const store = await openStore();
    let wakes = 0;
    const running: RunningSubgraph = await startSubgraph(
      { name: 'flows', typeDefs: (await import('graphql')).parse('type Query { ok: Boolean }'), resolvers: {}, createContext: () => ({}), routes: webhookRoutes(config, store, () => (wakes += 1)) },
      { port: 0, logger },
    );
    cleanups.push(async () => {
      await running.close();
      await store.db.close();
    });
    return { store, origin: new URL(running.url).origin, wakes: () => wakes };
  }

  it('stores a Shopify event signed with the app secret once; a redelivery is acknowledged and not stored again', async () => {
    const { store, origin, wakes } = await serve();
    const body = JSON.stringify(pickupOrder);
    const send = () =>
      fetch(`${origin}/webhooks/shopify`, {
        method: 'POST',
        headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'wh-1', 'x-shopify-hmac-sha256': shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, body) },
        body,
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    const again = await send();
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(await store.eventCount()).toBe(1);
    expect(wakes()).toBe(1);
  });

  it('rejects a wrong or missing signature with 401 and stores nothing', async () => {
    const { store, origin } = await serve();
    await store.saveSubscription('square', 'sub-1', `${origin}/webhooks/square`, 'square-key');
    const body = JSON.stringify({ event_id: 'ev-1', type: 'order.fulfillment.updated', created_at: new Date().toISOString(), data: {} });
    const shopify = await fetch(`${origin}/webhooks/shopify`, { method: 'POST', headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'x', 'x-shopify-hmac-sha256': shopifySignature('other-secret', body) }, body });
    expect(shopify.status).toBe(401);
    // Square signs the URL with the body: the body's signature alone does not do.
    const square = await fetch(`${origin}/webhooks/square`, { method: 'POST', headers: { 'x-square-hmacsha256-signature': shopifySignature('square-key', body) }, body });
    expect(square.status).toBe(401);
    expect(await store.eventCount()).toBe(0);
    const good = await fetch(`${origin}/webhooks/square`, { method: 'POST', headers: { 'x-square-hmacsha256-signature': squareSignature('square-key', `${origin}/webhooks/square`, body) }, body });
    expect(good.status).toBe(200);
    expect(await store.eventCount()).toBe(1);
  });
  it('ignores the same signed Shopify body under a new X-Shopify-Webhook-Id (the id is not signed): 200, counted, not stored or run again', async () => {
    const { store, origin, wakes } = await serve();
    const body = JSON.stringify({ ...pickupOrder, updated_at: '2026-12-01T10:00:00+07:00' });
    const send = (webhookId: string) =>
      fetch(`${origin}/webhooks/shopify`, {
        method: 'POST',
        headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': webhookId, 'x-shopify-hmac-sha256': shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, body) },
        body,
      });
    expect(await (await send('wh-1')).json()).toEqual({ ok: true, duplicate: false });
    const replay = await send('wh-forged-2');
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect(await store.eventCount()).toBe(1);
    expect(wakes()).toBe(1);
    const [row] = await store.db.query<{ replays: number; event_id: string }>('SELECT replays, event_id FROM webhook_events');
    expect(row).toMatchObject({ replays: 1, event_id: 'wh-1' });
  });

  it('stores a changed body of the same order (a new version) as a new event', async () => {
    const { store, origin } = await serve();
    for (const [id, updatedAt] of [['wh-1', '2026-12-01T10:00:00+07:00'], ['wh-2', '2026-12-01T10:05:00+07:00']] as const) {
      const body = JSON.stringify({ ...pickupOrder, updated_at: updatedAt });
      const res = await fetch(`${origin}/webhooks/shopify`, {
        method: 'POST',
        headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': id, 'x-shopify-hmac-sha256': shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, body) },
        body,
      });
      expect(await res.json()).toEqual({ ok: true, duplicate: false });
    }
    expect(await store.eventCount()).toBe(2);
  });

  it('a forged event id cannot shadow a real event: two different signed bodies under one id are both stored', async () => {
    const { store, origin } = await serve();
    for (const id of [42, 43]) {
      const body = JSON.stringify({ ...pickupOrder, id });
      await fetch(`${origin}/webhooks/shopify`, { method: 'POST', headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'same-id', 'x-shopify-hmac-sha256': shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, body) }, body });
    }
    expect(await store.eventCount()).toBe(2);
  });

  it('ignores a replayed Square event and refuses one whose signed created_at is past the 72-hour retry horizon', async () => {
    const { store, origin } = await serve();
    const url = `${origin}/webhooks/square`;
    await store.saveSubscription('square', 'sub-1', url, 'square-key');
    const send = (body: string) => fetch(url, { method: 'POST', headers: { 'x-square-hmacsha256-signature': squareSignature('square-key', url, body) }, body });
    const fresh = JSON.stringify({ event_id: 'ev-1', type: 'order.fulfillment.updated', created_at: new Date().toISOString(), data: { id: 'ORD1', object: {} } });
    expect(await (await send(fresh)).json()).toEqual({ ok: true, duplicate: false });
    expect(await (await send(fresh)).json()).toEqual({ ok: true, duplicate: true });
    const stale = await send(JSON.stringify({ event_id: 'ev-2', type: 'order.fulfillment.updated', created_at: new Date(Date.now() - 73 * 3600_000).toISOString(), data: { id: 'ORD1', object: {} } }));
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ code: 'WEBHOOK_STALE' });
    expect(await store.eventCount()).toBe(1);
  });

});

describe('worker', () => {
  it('retries a failing step with backoff, then fails the flow with the error after the last attempt', async () => {
    const store = await openStore();
    const calls: number[] = [];
    const call = (async () => {
      calls.push(Date.now());
      throw new StepError('UPSTREAM_UNAVAILABLE: pos: Square is unavailable (503)', true);
    }) as SubgraphCall;
    const engine = new FlowEngine(store, call, config, logger);
    cleanups.push(async () => {
      await engine.stop();
      await store.db.close();
    });
    const { flow } = await store.createFlow({ kind: 'PICKUP_IN_STORE', subjectSystem: 'shop', subjectId: '42', storeId: 'L1STORE', data: { order: pickupOrder }, steps: STEPS.PICKUP_IN_STORE });
    engine.start();
    await until(async () => (await store.flow(flow.id))?.state === 'FAILED');
    const failed = (await store.flow(flow.id))!;
    expect(failed.lastError).toMatch(/UPSTREAM_UNAVAILABLE/);
    const [step] = await store.steps(flow.id);
    expect(step).toMatchObject({ name: 'createPickupOrder', state: 'FAILED', attempts: 3 });
    expect(calls).toHaveLength(3);
    // Backoff: base 10 ms doubling, jittered to at least half.
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(9);
  });

  it('fails at once on a permanent error (bad input): retrying cannot help', async () => {
    const store = await openStore();
    const call = (async () => {
      throw new StepError('BAD_USER_INPUT: SKU SKU-1 is not sold at store L1STORE', false, 'BAD_USER_INPUT');
    }) as SubgraphCall;
    const engine = new FlowEngine(store, call, config, logger);
    cleanups.push(async () => {
      await engine.stop();
      await store.db.close();
    });
    const { flow } = await store.createFlow({ kind: 'PICKUP_IN_STORE', subjectSystem: 'shop', subjectId: '43', storeId: 'L1STORE', data: { order: pickupOrder }, steps: STEPS.PICKUP_IN_STORE });
    engine.start();
    await until(async () => (await store.flow(flow.id))?.state === 'FAILED');
    expect((await store.steps(flow.id))[0]).toMatchObject({ state: 'FAILED', attempts: 1 });
  });

  it('resumes after a restart from what the database holds, with the same idempotency key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await openStore(dir);
    const { flow } = await first.createFlow({ kind: 'PICKUP_IN_STORE', subjectSystem: 'shop', subjectId: '44', storeId: 'L1STORE', data: { order: pickupOrder }, steps: STEPS.PICKUP_IN_STORE });
    await first.db.close(); // the process dies before its worker ran the step

    const store = await openStore(dir);
    const keys: unknown[] = [];
    const call = (async (_subgraph: string, _query: string, variables: Record<string, unknown>) => {
      keys.push((variables.input as { idempotencyKey: string }).idempotencyKey);
      return { createPickupOrder: { id: 'POS-ORDER-1', store: { name: 'Store One' } } };
    }) as SubgraphCall;
    const engine = new FlowEngine(store, call, config, logger);
    cleanups.push(async () => {
      await engine.stop();
      await store.db.close();
    });
    engine.start();
    await until(async () => (await store.flow(flow.id))?.state === 'WAITING_EVENT');
    expect(keys).toEqual([`${flow.id}:createPickupOrder`]);
    expect((await store.flow(flow.id))!.posOrderId).toBe('POS-ORDER-1');
    expect((await store.steps(flow.id)).map((s) => s.state)).toEqual(['DONE', 'WAITING_EVENT', 'PENDING', 'PENDING', 'PENDING']);
  });

  it('creates one flow per web order however often orders/create is applied', async () => {
    const store = await openStore();
    cleanups.push(() => store.db.close());
    const a = await store.createFlow({ kind: 'PICKUP_IN_STORE', subjectSystem: 'shop', subjectId: '45', storeId: 'L1STORE', data: {}, steps: STEPS.PICKUP_IN_STORE });
    const b = await store.createFlow({ kind: 'PICKUP_IN_STORE', subjectSystem: 'shop', subjectId: '45', storeId: 'L1STORE', data: {}, steps: STEPS.PICKUP_IN_STORE });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, flow: { id: a.flow.id } });
    expect(await store.flowsBySubject('shop', '45')).toHaveLength(1);
  });
});
