import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const CUSTOMER = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ShopCustomer { id email orders(first: 5) { id name } } } }`;
const reps = { reps: [{ __typename: 'ShopCustomer', id: '7100000001' }] };
const ADMIN = '/admin/api/2024-04';

describe('shop entity cache (in memory) with Shopify webhook invalidation', () => {
  let shop: Component;
  const shopify = async (path: string, body: unknown, method = 'POST') => {
    const res = await fetch(`${shop.systemUrl}${ADMIN}${path}`, { method, headers: { 'x-shopify-access-token': 'dev-token', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json() as Promise<Record<string, { id: string | number }>>;
  };
  beforeAll(async () => {
    shop = await startComponent('shop', { env: { CACHE_STORE: 'memory' } });
    await shop.subscribe();
  });
  afterAll(async () => {
    await shop.close();
  });

  it('answers a second identical customer query without any call to Shopify', async () => {
    const first = await shop.query(CUSTOMER, reps);
    expect(first.errors).toBeUndefined();
    shop.resetCalls();
    expect(await shop.query(CUSTOMER, reps)).toEqual(first);
    expect(shop.upstreamTotal()).toBe(0);
  });

  it('an order placed at Shopify itself is in the customer\'s orders on the next query once orders/create arrives', async () => {
    const before = await shop.query<{ _entities: { orders: { id: string }[] }[] }>(CUSTOMER, reps);
    // Staff make and complete a draft order in the Shopify admin.
    const draft = await shopify('/draft_orders.json', { draft_order: { customer: { id: 7100000001 }, line_items: [{ variant_id: 4500000001, quantity: 1 }] } });
    const completed = (await shopify(`/draft_orders/${draft.draft_order!.id}/complete.json`, {}, 'PUT')) as unknown as { draft_order: { order_id: number } };
    const placed = { order: { id: completed.draft_order.order_id } };
    for (let i = 0; i < 100; i++) {
      const state = (await (await fetch(`${shop.systemUrl}/__admin/webhooks`)).json()) as { deliveries: { topic: string; status: string }[] };
      if (state.deliveries.some((d) => d.topic === 'orders/create' && d.status === 'DELIVERED')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await shop.query<{ _entities: { orders: { id: string }[] }[] }>(CUSTOMER, reps);
    expect(after.data!._entities[0]!.orders[0]!.id).toBe(String(placed.order!.id));
    expect(after.data!._entities[0]!.orders.length).toBe(Math.min(5, before.data!._entities[0]!.orders.length + 1));
  });

  it('rejects a webhook whose signature does not match', async () => {
    const res = await fetch(`${new URL(shop.url).origin}/webhooks/shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': 'forged' },
      body: JSON.stringify({ id: 1, customer: { id: 7100000001 } }),
    });
    expect(res.status).toBe(401);
  });
});
