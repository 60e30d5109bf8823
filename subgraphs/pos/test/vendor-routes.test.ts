import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, routesUsed } from '../../../test/helpers/vendor-routes.ts';
import { customerByEmail, locationNamed } from './fixtures.ts';

/**
 * Every request the pos connector (and its webhook subscription) sends, while the operations of its
 * component tests run, must be a Square route and body key listed in systems/pos/vendor-routes.json
 * (Square's API reference, Square-Version 2025-08-20).
 */
const routes = loadVendorRoutes('pos');
let pos: Awaited<ReturnType<typeof startComponent>>;
const somchai = customerByEmail('somchai.j@example.com');
const bangkok = locationNamed('Bangkok');

beforeAll(async () => {
  pos = await startComponent('pos', { env: { CACHE_STORE: 'memory' } });
  await pos.subscribe();
});
afterAll(async () => {
  await pos?.close();
});

const SALE = `mutation($input: RecordStoreSaleInput!) { recordStoreSale(input: $input) { order { id tenders { type } } } }`;
const STORE_ORDER = `mutation($input: CreateStoreOrderInput!) { createPickupOrder(input: $input) { id pickup { state } } }`;

/** The operations of subgraphs/pos/test: reads, loyalty, stock, the identity feed, sales paid cash and external, pickups. */
async function runOperations(): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
  ok(await pos.query(`{ posCustomer(id: "${somchai.id}") { id email sales(first: 3) { id total { amount } lineItems { sku } store { name } } loyalty { balance } } stores { id name } }`));
  ok(await pos.query(`{ _entities(representations: [{ __typename: "Product", sku: "TEE-BLK-M" }]) { ... on Product { name stores { quantity price { amount } } } } }`));
  for (const params of ['limit=5', 'limit=5&since=2020-01-01T00:00:00Z']) {
    const res = await fetch(pos.url.replace(/\/graphql$/, `/_identity/records?${params}`), { headers: pos.signed() });
    expect(res.status).toBe(200);
  }
  ok(await pos.query(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], posCustomerId: somchai.id, idempotencyKey: 'routes-cash', payment: { method: 'CASH', cashTendered: '1000.00' } } }));
  ok(await pos.query(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'routes-card', payment: { method: 'EXTERNAL', externalType: 'CARD' } } }));
  const pickup = await pos.query<{ createPickupOrder: { id: string } }>(STORE_ORDER, { input: { storeId: bangkok.id, referenceId: 'shop-order:routes', recipientName: 'Routes', lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'routes-pickup' } });
  ok(pickup);
  ok(await pos.query(`mutation { markPickupReady(posOrderId: "${pickup.data!.createPickupOrder.id}", idempotencyKey: "routes-ready") { id } }`));
  ok(await pos.query(`{ store(id: "${bangkok.id}") { pickupQueue { id } } }`));
}

describe('pos connector: outgoing requests against the Square route reference', () => {
  it('sends only routes and body keys Square documents', async () => {
    await runOperations();
    const requests = pos.vendorRequests();
    console.log(`pos vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    expect(offReference(routes, requests)).toEqual([]);
    expect(routesUsed(routes, requests)).toEqual(
      expect.arrayContaining(['POST /v2/orders', 'POST /v2/payments', 'POST /v2/orders/{order_id}/pay', 'POST /v2/inventory/changes/batch-create', 'PUT /v2/orders/{order_id}', 'POST /v2/webhooks/subscriptions', 'GET /v2/customers']),
    );
  });
});
