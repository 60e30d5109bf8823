import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, routesUsed } from '../../../test/helpers/vendor-routes.ts';

/**
 * Every request the shop connector sends while its operations run (reads, the identity feed, the
 * webhook subscription and every cart and order write) must be a Shopify Admin REST route,
 * parameter and body key, or a GraphQL Admin field, listed in systems/shop/vendor-routes.json.
 */
const routes = loadVendorRoutes('shop');
let shop: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  // With its cache on, the subgraph also subscribes to Shopify webhooks (POST webhooks.json).
  shop = await startComponent('shop', { env: { CACHE_STORE: 'memory' } });
});
afterAll(async () => {
  await shop?.close();
});

interface Cart {
  id: string;
  status: string;
}

async function runOperations(): Promise<void> {
  const ok = <T>(res: { data?: T | null; errors?: unknown }): T => {
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };
  await shop.subscribe();
  ok(await shop.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on ShopCustomer { id email orders(first: 5) { id name lineItems { sku product { sku online { available price { amount } } } } } carts { id } } } }`, { r: [{ __typename: 'ShopCustomer', id: '7100000001' }, { __typename: 'ShopCustomer', id: '7100000002' }] }));
  ok(await shop.query(`{ product(sku: "TOTE-NAT") { sku name online { available } } products(first: 2) { nodes { sku } pageInfo { endCursor } } }`));
  const feed = await fetch(new URL('/_identity/records?limit=2', shop.url), { headers: shop.signed() });
  expect(feed.status).toBe(200);

  const created = ok(await shop.query<{ createCart: Cart }>(`mutation { createCart(customerId: "7100000001", lines: [{ sku: "LS-WHT-M", quantity: 1 }], idempotencyKey: "routes-1") { id status } }`)).createCart;
  const guest = ok(await shop.query<{ createCart: Cart }>(`mutation { createCart(lines: [{ sku: "TOTE-NAT", quantity: 2 }], idempotencyKey: "routes-2") { id } }`)).createCart;
  ok(await shop.query(`mutation ($c: ID!) { addCartLines(cartId: $c, lines: [{ sku: "MUG-BLU", quantity: 1 }], idempotencyKey: "routes-3") { id } }`, { c: created.id }));
  ok(await shop.query(`mutation ($g: ID!, $c: ID!) { mergeCarts(guestCartId: $g, customerCartId: $c, idempotencyKey: "routes-4") { id } }`, { g: guest.id, c: created.id }));
  const link = ok(await shop.query<{ handoffCartToDevice: { token: string } }>(`mutation ($c: ID!) { handoffCartToDevice(cartId: $c, idempotencyKey: "routes-5") { token } }`, { c: created.id }));
  ok(await shop.query(`query ($t: String!) { cartByResumeToken(token: $t) { id } }`, { t: link.handoffCartToDevice.token }));
  const order = ok(await shop.query<{ placeOrder: { id: string } }>(`mutation ($c: ID!) { placeOrder(cartId: $c, pickupStoreId: "L1STORE01", idempotencyKey: "routes-6") { id } }`, { c: created.id })).placeOrder;
  ok(await shop.query(`mutation ($o: ID!) { fulfilShopOrder(orderId: $o, idempotencyKey: "routes-7") { id } }`, { o: order.id }));
  const other = ok(await shop.query<{ createCart: Cart }>(`mutation { createCart(customerId: "7100000002", lines: [{ sku: "LS-WHT-M", quantity: 1 }], idempotencyKey: "routes-8") { id } }`)).createCart;
  ok(await shop.query(`mutation ($c: ID!) { markCartHandedOff(cartId: $c, note: "to store", idempotencyKey: "routes-9") { id } }`, { c: other.id }));
}

describe('shop connector: outgoing requests against the Shopify route reference', () => {
  it('sends only routes, query parameters, body keys and GraphQL fields Shopify documents', async () => {
    await runOperations();
    const requests = shop.vendorRequests();
    console.log(`shop vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    expect(offReference(routes, requests)).toEqual([]);
    expect(routesUsed(routes, requests)).toEqual(
      expect.arrayContaining([
        'POST /admin/api/{version}/graphql.json {orders}',
        'POST /admin/api/{version}/graphql.json {productVariants}',
        'POST /admin/api/{version}/graphql.json {draftOrders}',
        'POST /admin/api/{version}/draft_orders.json',
        'PUT /admin/api/{version}/draft_orders/{draft_order_id}.json',
        'PUT /admin/api/{version}/draft_orders/{draft_order_id}/complete.json',
        'POST /admin/api/{version}/fulfillments.json',
        'POST /admin/api/{version}/webhooks.json',
      ]),
    );
  });

  it('names an invented route, a query parameter Shopify lacks and an unknown GraphQL field', () => {
    expect(
      offReference(routes, [
        { method: 'GET', path: '/admin/api/2025-01/orders.json', query: ['customer_ids', 'status'], body: [], operations: [] },
        { method: 'POST', path: '/admin/api/2025-01/carts.json', query: [], body: ['cart'], operations: [] },
        { method: 'POST', path: '/admin/api/2025-01/graphql.json', query: [], body: ['query'], operations: ['cartCreate'] },
      ]),
    ).toEqual([
      'GET /admin/api/{version}/orders.json: query parameter "customer_ids" not in the reference',
      'POST /admin/api/2025-01/carts.json: not a route in the vendor reference',
      'POST /admin/api/{version}/graphql.json: GraphQL field "cartCreate" not in the reference',
    ]);
  });
});
