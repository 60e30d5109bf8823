import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { keyTag } from '../src/connector/carts.ts';

/**
 * Shopify has no idempotency keys: the stand-in ignores `Idempotency-Key` as Shopify does, and every
 * write the shop subgraph makes (carts as draft orders, line changes, merges, orders, fulfilments)
 * must still happen once per key, also when Shopify wrote but answered after the connector's timeout.
 */
const TIMEOUT_MS = 400;
let shop: Awaited<ReturnType<typeof startComponent>>;
const ADMIN = '/admin/api/2024-04';

beforeAll(async () => {
  shop = await startComponent('shop', { env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  shop?.setFaults({ slowWriteMs: 0 });
  await shop?.close();
});
beforeEach(() => shop.setFaults({ slowWriteMs: 0 }));

const graphql = async <T>(query: string): Promise<T> => {
  const res = await fetch(`${shop.systemUrl}${ADMIN}/graphql.json`, { method: 'POST', headers: { 'x-shopify-access-token': 'dev-token', 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return ((await res.json()) as { data: T }).data;
};
const draftsTagged = async (tag: string) => (await graphql<{ draftOrders: { nodes: unknown[] } }>(`{ draftOrders(first: 10, query: "tag:${tag}") { nodes { legacyResourceId } } }`)).draftOrders.nodes.length;
const ordersOf = async (customerId: string) => (await graphql<{ orders: { nodes: unknown[] } }>(`{ orders(first: 250, query: "customer_id:${customerId}") { nodes { legacyResourceId } } }`)).orders.nodes.length;

interface Cart {
  id: string;
  status: string;
  lines: { sku: string; quantity: number }[];
}
const CART = 'id status lines { sku quantity }';

describe('shop writes without vendor idempotency', () => {
  it('the stand-in ignores Idempotency-Key, as Shopify does: two creates make two draft orders', async () => {
    const post = () =>
      fetch(`${shop.systemUrl}${ADMIN}/draft_orders.json`, {
        method: 'POST',
        headers: { 'x-shopify-access-token': 'dev-token', 'content-type': 'application/json', 'idempotency-key': 'same' },
        body: JSON.stringify({ draft_order: { line_items: [{ variant_id: 4500000001, quantity: 1 }], tags: 'raw-header-test' } }),
      });
    await post();
    await post();
    expect(await draftsTagged('raw-header-test')).toBe(2);
  });

  it('a cart create, line change, order and fulfilment that Shopify answered too late each happen once, on the attempt and on the client’s retry', async () => {
    shop.setFaults({ slowWriteMs: TIMEOUT_MS * 3 });
    const customer = '7100000002';
    const ordersBefore = await ordersOf(customer);
    const create = `mutation { createCart(customerId: "${customer}", lines: [{ sku: "LS-WHT-M", quantity: 1 }], idempotencyKey: "slow-cart") { ${CART} } }`;
    const first = await shop.query<{ createCart: Cart }>(create);
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const retry = await shop.query<{ createCart: Cart }>(create);
    expect(retry.data!.createCart.id).toBe(first.data!.createCart.id);
    expect(await draftsTagged(keyTag('createCart:slow-cart'))).toBe(1);

    const cartId = first.data!.createCart.id;
    const add = `mutation { addCartLines(cartId: "${cartId}", lines: [{ sku: "LS-WHT-M", quantity: 2 }], idempotencyKey: "slow-add") { ${CART} } }`;
    await shop.query(add);
    const added = await shop.query<{ addCartLines: Cart }>(add);
    expect(added.data!.addCartLines.lines).toEqual([{ sku: 'LS-WHT-M', quantity: 3 }]);

    const place = `mutation { placeOrder(cartId: "${cartId}", pickupStoreId: "L1STORE01", idempotencyKey: "slow-order") { id pickupStoreId } }`;
    const placed = await shop.query<{ placeOrder: { id: string; pickupStoreId: string } }>(place);
    expect(placed.errors, JSON.stringify(placed.errors)).toBeUndefined();
    const placedAgain = await shop.query<{ placeOrder: { id: string } }>(place);
    expect(placedAgain.data!.placeOrder.id).toBe(placed.data!.placeOrder.id);
    expect(placed.data!.placeOrder.pickupStoreId).toBe('L1STORE01');
    expect(await ordersOf(customer)).toBe(ordersBefore + 1);

    const fulfil = `mutation { fulfilShopOrder(orderId: "${placed.data!.placeOrder.id}", idempotencyKey: "slow-fulfil") { id fulfillmentStatus } }`;
    const fulfilled = await shop.query<{ fulfilShopOrder: { fulfillmentStatus: string } }>(fulfil);
    expect(fulfilled.errors, JSON.stringify(fulfilled.errors)).toBeUndefined();
    const again = await shop.query<{ fulfilShopOrder: { fulfillmentStatus: string } }>(fulfil);
    expect(again.errors).toBeUndefined();
    shop.setFaults({ slowWriteMs: 0 });
    const state = (await (await fetch(`${shop.systemUrl}${ADMIN}/orders/${placed.data!.placeOrder.id}.json`, { headers: { 'x-shopify-access-token': 'dev-token' } })).json()) as { order: { fulfillments: unknown[] } };
    expect(state.order.fulfillments).toHaveLength(1);
  });

  it('a merge retried after a lost answer adds the guest lines once', async () => {
    const target = (await shop.query<{ createCart: Cart }>(`mutation { createCart(customerId: "7100000003", lines: [{ sku: "TOTE-NAT", quantity: 1 }], idempotencyKey: "merge-target") { ${CART} } }`)).data!.createCart;
    const guest = (await shop.query<{ createCart: Cart }>(`mutation { createCart(lines: [{ sku: "TOTE-NAT", quantity: 2 }], idempotencyKey: "merge-guest") { ${CART} } }`)).data!.createCart;
    shop.setFaults({ slowWriteMs: TIMEOUT_MS * 3 });
    const merge = `mutation { mergeCarts(guestCartId: "${guest.id}", customerCartId: "${target.id}", idempotencyKey: "merge-1") { ${CART} } }`;
    await shop.query(merge);
    const retried = await shop.query<{ mergeCarts: Cart }>(merge);
    shop.setFaults({ slowWriteMs: 0 });
    expect(retried.data!.mergeCarts.lines).toEqual([{ sku: 'TOTE-NAT', quantity: 3 }]);
    const closed = await shop.query<{ shopCart: Cart }>(`{ shopCart(id: "${guest.id}") { ${CART} } }`);
    expect(closed.data!.shopCart.status).toBe('ABANDONED');
  });
});
