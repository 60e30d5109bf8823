import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { customerByEmail, locationNamed } from './fixtures.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const somchai = customerByEmail('somchai.j@example.com');
const bangkok = locationNamed('Bangkok');

const CUSTOMER = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { posCustomers { id phone loyalty { balance } sales(first: 5) { id createdAt store { name } total { amount } } } } } }`;
const customerVars = { r: [{ __typename: 'Customer', id: 'cus_1', links: [{ system: 'pos', externalId: somchai.id }] }] };
const STOCK = `query { _entities(representations: [{ __typename: "Product", sku: "TEE-BLK-M" }]) { ... on Product { stores { store { id } quantity } } } }`;
const SALE = `mutation($input: RecordStoreSaleInput!) { recordStoreSale(input: $input) { order { id } } }`;

/** Waits until the stand-in has delivered every webhook (the till's change reaches the subgraph asynchronously). */
async function webhooksDelivered(pos: Component) {
  for (let i = 0; i < 100; i++) {
    const state = (await (await fetch(`${pos.systemUrl}/__admin/webhooks`)).json()) as { deliveries: { status: string }[] };
    if (state.deliveries.every((d) => d.status === 'DELIVERED')) return state.deliveries.length;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('webhooks not delivered');
}

describe('pos entity cache (in memory) with Square webhook invalidation', () => {
  let pos: Component;
  const stockAt = async (storeId: string) => {
    const res = await pos.query<{ _entities: { stores: { store: { id: string }; quantity: number }[] }[] }>(STOCK);
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0]!.stores.find((s) => s.store.id === storeId)?.quantity;
  };
  beforeAll(async () => {
    pos = await startComponent('pos', { env: { CACHE_STORE: 'memory' } });
    await pos.subscribe();
  });
  afterAll(async () => {
    await pos.close();
  });

  it('answers a second identical customer query without any call to Square', async () => {
    const first = await pos.query(CUSTOMER, customerVars);
    expect(first.errors).toBeUndefined();
    pos.resetCalls();
    const second = await pos.query(CUSTOMER, customerVars);
    expect(second).toEqual(first);
    expect(pos.upstreamTotal()).toBe(0);
  });

  it('answers a second stock query from the cache, and a sale through this subgraph shows on the next query (write-through)', async () => {
    const before = await stockAt(bangkok.id);
    pos.resetCalls();
    expect(await stockAt(bangkok.id)).toBe(before);
    expect(pos.upstreamTotal()).toBe(0);
    const sale = await pos.query(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], posCustomerId: somchai.id, idempotencyKey: 'cache-sale-1' } });
    expect(sale.errors).toBeUndefined();
    expect(await stockAt(bangkok.id)).toBe(before! - 1);
    const sales = await pos.query<{ _entities: { posCustomers: { sales: { id: string }[] }[] }[] }>(CUSTOMER, customerVars);
    expect(sales.data!._entities[0]!.posCustomers[0]!.sales[0]!.id).toBe((sale.data as { recordStoreSale: { order: { id: string } } }).recordStoreSale.order.id);
  });

  it('a change made at Square itself (not through this subgraph) is fresh on the next query once its webhook arrives', async () => {
    const before = await stockAt(bangkok.id);
    const variation = (await (await fetch(`${pos.systemUrl}/v2/catalog/search`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' },
      body: JSON.stringify({ object_types: ['ITEM_VARIATION'], query: { exact_query: { attribute_name: 'sku', attribute_value: 'TEE-BLK-M' } } }),
    })).json()) as { objects: { id: string }[] };
    const res = await fetch(`${pos.systemUrl}/v2/inventory/changes/batch-create`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotency_key: 'till-adjust-1',
        changes: [{ type: 'ADJUSTMENT', adjustment: { catalog_object_id: variation.objects[0]!.id, location_id: bangkok.id, from_state: 'IN_STOCK', to_state: 'SOLD', quantity: '3', occurred_at: new Date().toISOString() } }],
      }),
    });
    expect(res.status).toBe(200);
    expect(await webhooksDelivered(pos)).toBeGreaterThan(0);
    expect(await stockAt(bangkok.id)).toBe(before! - 3);
  });

  it('rejects a webhook whose signature does not match, and keeps the cache', async () => {
    const res = await fetch(`${new URL(pos.url).origin}/webhooks/pos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': 'forged' },
      body: JSON.stringify({ type: 'inventory.count.updated', event_id: 'x', data: { object: { inventory_counts: [] } } }),
    });
    expect(res.status).toBe(401);
  });
});
