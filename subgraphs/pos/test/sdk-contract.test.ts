import { SquareClient, SquareError } from 'square';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandinApp } from '../../../systems/pos/src/app.ts';
import { listenStandin, type Standin } from '../../../systems/lib/standin.ts';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { customerByEmail, locationNamed } from './fixtures.ts';
import { contractTally } from '../../../test/helpers/contract-tally.ts';

/**
 * Square's own Node SDK (`square`, pinned in devDependencies) against the POS stand-in, one call
 * per endpoint the connector or a flow uses, plus the error, paging, idempotency and throttling
 * shapes. Each call counts when the SDK parsed the answer into its typed (camelCase) objects and
 * the behaviour is Square's; the tally "behaved / tried" is printed at the end (issue 10).
 */
const { call, report } = contractTally('Square SDK contract', 'Square');

/** The SquareError an SDK call threw, or a failure when it did not throw one. */
async function squareErrorOf(promise: Promise<unknown>): Promise<SquareError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SquareError) return error;
    throw error;
  }
  throw new Error('the SDK call did not fail');
}

describe('Square Node SDK against the POS stand-in', () => {
  let standin: Standin;
  let client: SquareClient;
  const somchai = customerByEmail('somchai.j@example.com');
  const bangkok = locationNamed('Bangkok');
  let variationId = '';
  let orderId = '';
  let payOrderId = '';

  beforeAll(async () => {
    standin = await createStandinApp({ dataDir: fixtureDataDir });
    const baseUrl = await listenStandin(standin, 0);
    // baseUrl is the SDK's option for a non-Square host; no SDK retries, so each call is one request.
    client = new SquareClient({ token: 'dev-token', baseUrl, maxRetries: 0, timeoutInSeconds: 5 });
  });
  afterAll(async () => {
    await standin?.app.close();
    report();
  });

  call('customers.list follows cursors page by page (ListCustomers)', async () => {
    const page = await client.customers.list({ limit: 5, sortField: 'CREATED_AT', sortOrder: 'ASC' });
    const ids: string[] = [];
    for await (const customer of page) ids.push(customer.id!);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
  });

  call('customers.search by updated_at (SearchCustomers)', async () => {
    const res = await client.customers.search({ query: { filter: { updatedAt: { startAt: '2000-01-01T00:00:00Z' } }, sort: { field: 'CREATED_AT', order: 'ASC' } }, limit: BigInt(100) });
    expect(res.customers?.some((c) => c.emailAddress === 'somchai.j@example.com')).toBe(true);
  });

  call('customers.bulkRetrieveCustomers answers per id, NOT_FOUND for unknown ones', async () => {
    const res = await client.customers.bulkRetrieveCustomers({ customerIds: [somchai.id, 'NOPE00000000000000000000000'] });
    expect(res.responses?.[somchai.id]?.customer?.emailAddress).toBe('somchai.j@example.com');
    expect(res.responses?.['NOPE00000000000000000000000']?.errors?.[0]?.code).toBe('NOT_FOUND');
  });

  call('locations.list (ListLocations)', async () => {
    const res = await client.locations.list();
    expect(res.locations?.find((l) => l.id === bangkok.id)?.currency).toBe('THB');
  });

  call('catalog.search by SKU with related items (SearchCatalogObjects)', async () => {
    const res = await client.catalog.search({ objectTypes: ['ITEM_VARIATION'], query: { exactQuery: { attributeName: 'sku', attributeValue: 'TEE-BLK-M' } }, includeRelatedObjects: true });
    const variation = res.objects?.[0];
    expect(variation?.type).toBe('ITEM_VARIATION');
    variationId = variation!.id!;
    expect(res.relatedObjects?.[0]?.type).toBe('ITEM');
  });

  call('catalog.batchGet (BatchRetrieveCatalogObjects)', async () => {
    const res = await client.catalog.batchGet({ objectIds: [variationId, 'UNKNOWN'], includeRelatedObjects: true });
    expect(res.objects?.map((o) => o.id)).toEqual([variationId]);
  });

  call('inventory.batchGetCounts pages IN_STOCK counts (BatchRetrieveInventoryCounts)', async () => {
    const page = await client.inventory.batchGetCounts({ catalogObjectIds: [variationId], states: ['IN_STOCK'] });
    const counts = [];
    for await (const count of page) counts.push(count);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts[0]).toMatchObject({ catalogObjectId: variationId, state: 'IN_STOCK', quantity: expect.any(String) });
  });

  call('inventory.get one variation at one location (RetrieveInventoryCount)', async () => {
    const page = await client.inventory.get({ catalogObjectId: variationId, locationIds: bangkok.id });
    const counts = [];
    for await (const count of page) counts.push(count);
    expect(counts.map((c) => c.locationId)).toEqual([bangkok.id]);
  });

  call('inventory.deprecatedBatchGetCounts at the old path', async () => {
    const res = await client.inventory.deprecatedBatchGetCounts({ catalogObjectIds: [variationId] });
    expect(res.counts?.length).toBeGreaterThan(0);
  });

  call('loyalty.accounts.search by customer (SearchLoyaltyAccounts)', async () => {
    const res = await client.loyalty.accounts.search({ query: { customerIds: [somchai.id] } });
    expect(res.loyaltyAccounts?.[0]?.customerId).toBe(somchai.id);
  });

  call('loyalty.programs.get("main") (RetrieveLoyaltyProgram)', async () => {
    const res = await client.loyalty.programs.get({ programId: 'main' });
    expect(res.program).toMatchObject({ status: 'ACTIVE', terminology: { one: 'Point', other: 'Points' } });
  });

  call('orders.create a till sale (CreateOrder)', async () => {
    const res = await client.orders.create({ idempotencyKey: 'sdk-order-1', order: { locationId: bangkok.id, customerId: somchai.id, lineItems: [{ catalogObjectId: variationId, quantity: '2' }] } });
    expect(res.order).toMatchObject({ state: 'OPEN', totalMoney: { currency: 'THB' } });
    orderId = res.order!.id!;
    const again = await client.orders.create({ idempotencyKey: 'sdk-order-1', order: { locationId: bangkok.id, customerId: somchai.id, lineItems: [{ catalogObjectId: variationId, quantity: '2' }] } });
    expect(again.order?.id).toBe(orderId);
  });

  call('orders.create with a reused key and another body is 400 IDEMPOTENCY_KEY_REUSED', async () => {
    const error = await squareErrorOf(client.orders.create({ idempotencyKey: 'sdk-order-1', order: { locationId: bangkok.id, lineItems: [{ catalogObjectId: variationId, quantity: '3' }] } }));
    expect(error.statusCode).toBe(400);
    expect(error.errors[0]).toMatchObject({ category: 'INVALID_REQUEST_ERROR', code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  call('orders.pay refuses empty and unknown payment_ids (PayOrder)', async () => {
    const empty = await squareErrorOf(client.orders.pay({ orderId, idempotencyKey: 'sdk-pay-empty', paymentIds: [] }));
    expect(empty.statusCode).toBe(400);
    const unknown = await squareErrorOf(client.orders.pay({ orderId, idempotencyKey: 'sdk-pay-unknown', paymentIds: ['NOPE'] }));
    expect(unknown.errors[0]?.code).toBe('NOT_FOUND');
  });

  call('payments.create CASH with change back, delayed capture (CreatePayment)', async () => {
    const order = (await client.orders.get({ orderId })).order!;
    const total = order.totalMoney!;
    const res = await client.payments.create({
      idempotencyKey: 'sdk-cash-1',
      sourceId: 'CASH',
      amountMoney: total,
      orderId,
      autocomplete: false,
      cashDetails: { buyerSuppliedMoney: { amount: BigInt(total.amount!) + 1000n, currency: total.currency! } },
    });
    expect(res.payment).toMatchObject({ status: 'APPROVED', sourceType: 'CASH', orderId, cashDetails: { changeBackMoney: { currency: 'THB' } } });
    expect(Number(res.payment!.cashDetails!.changeBackMoney!.amount)).toBe(1000);
    const paid = await client.orders.pay({ orderId, idempotencyKey: 'sdk-pay-1', paymentIds: [res.payment!.id!] });
    expect(paid.order).toMatchObject({ state: 'COMPLETED', tenders: [{ type: 'CASH', paymentId: res.payment!.id }] });
    expect((await client.payments.get({ paymentId: res.payment!.id! })).payment?.status).toBe('COMPLETED');
  });

  call('payments.create EXTERNAL then orders.pay (CreatePayment, PayOrder)', async () => {
    const created = await client.orders.create({ idempotencyKey: 'sdk-order-2', order: { locationId: bangkok.id, lineItems: [{ catalogObjectId: variationId, quantity: '1' }] } });
    payOrderId = created.order!.id!;
    const payment = await client.payments.create({
      idempotencyKey: 'sdk-ext-1',
      sourceId: 'EXTERNAL',
      amountMoney: created.order!.totalMoney!,
      orderId: payOrderId,
      autocomplete: false,
      externalDetails: { type: 'CARD', source: 'Store card terminal' },
    });
    expect(payment.payment).toMatchObject({ status: 'APPROVED', sourceType: 'EXTERNAL', externalDetails: { type: 'CARD' } });
    const paid = await client.orders.pay({ orderId: payOrderId, idempotencyKey: 'sdk-pay-2', paymentIds: [payment.payment!.id!] });
    expect(paid.order?.tenders?.[0]).toMatchObject({ type: 'OTHER', paymentId: payment.payment!.id });
  });

  call('payments.list pages the payments taken (ListPayments)', async () => {
    const page = await client.payments.list({ limit: 1, sortOrder: 'ASC' });
    const ids: string[] = [];
    for await (const payment of page) ids.push(payment.id!);
    expect(ids).toHaveLength(2);
  });

  call('orders.batchGet omits unknown ids (BatchRetrieveOrders)', async () => {
    const res = await client.orders.batchGet({ orderIds: [orderId, 'UNKNOWN'] });
    expect(res.orders?.map((o) => o.id)).toEqual([orderId]);
  });

  call('orders.search by customer, newest first (SearchOrders)', async () => {
    const res = await client.orders.search({ locationIds: [bangkok.id], query: { filter: { customerFilter: { customerIds: [somchai.id] } }, sort: { sortField: 'CREATED_AT', sortOrder: 'DESC' } } });
    expect(res.orders?.[0]?.id).toBe(orderId);
  });

  call('inventory.batchCreateChanges IN_STOCK → SOLD (BatchChangeInventory)', async () => {
    const res = await client.inventory.batchCreateChanges({
      idempotencyKey: 'sdk-stock-1',
      changes: [{ type: 'ADJUSTMENT', adjustment: { catalogObjectId: variationId, fromLocationId: bangkok.id, toLocationId: bangkok.id, fromState: 'IN_STOCK', toState: 'SOLD', quantity: '1', occurredAt: new Date().toISOString() } }],
    });
    expect(res.counts?.[0]).toMatchObject({ catalogObjectId: variationId, state: 'IN_STOCK' });
  });

  call('orders.create a pickup order, then orders.update its fulfilment at the version (CreateOrder, UpdateOrder)', async () => {
    const created = await client.orders.create({
      idempotencyKey: 'sdk-pickup-1',
      order: { locationId: bangkok.id, referenceId: 'shop-order:1', lineItems: [{ catalogObjectId: variationId, quantity: '1' }], fulfillments: [{ type: 'PICKUP', state: 'PROPOSED', pickupDetails: { scheduleType: 'ASAP', recipient: { displayName: 'Somchai' } } }] },
    });
    const order = created.order!;
    const res = await client.orders.update({ orderId: order.id!, idempotencyKey: 'sdk-ready-1', order: { locationId: bangkok.id, version: order.version, fulfillments: [{ uid: order.fulfillments![0]!.uid!, state: 'PREPARED' }] } });
    expect(res.order?.fulfillments?.[0]?.state).toBe('PREPARED');
    const stale = await squareErrorOf(client.orders.update({ orderId: order.id!, idempotencyKey: 'sdk-ready-2', order: { locationId: bangkok.id, version: order.version, state: 'CANCELED' } }));
    expect(stale.errors[0]?.code).toBe('VERSION_MISMATCH');
  });

  call('webhooks.subscriptions.create returns the signature key (CreateWebhookSubscription)', async () => {
    const res = await client.webhooks.subscriptions.create({ idempotencyKey: 'sdk-sub-1', subscription: { name: 'sdk', eventTypes: ['order.updated'], notificationUrl: 'http://127.0.0.1:9/webhooks' } });
    expect(res.subscription?.signatureKey).toEqual(expect.any(String));
  });

  call('an unknown id is 404 with Square error body (RetrieveOrder)', async () => {
    const error = await squareErrorOf(client.orders.get({ orderId: 'NOPE' }));
    expect(error.statusCode).toBe(404);
    expect(error.errors[0]).toMatchObject({ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND' });
  });

  call('a wrong token is 401 UNAUTHORIZED', async () => {
    const other = new SquareClient({ token: 'wrong', baseUrl: `http://127.0.0.1:${(standin.app.server.address() as { port: number }).port}`, maxRetries: 0 });
    const error = await squareErrorOf(other.locations.list());
    expect(error.statusCode).toBe(401);
    expect(error.errors[0]).toMatchObject({ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' });
  });

  call('throttling is 429 RATE_LIMITED with no Retry-After (Square sends none)', async () => {
    Object.assign(standin.faults, { rateLimitPerSecond: 0.01, rateLimitBurst: 0 });
    try {
      const error = await squareErrorOf(client.locations.list());
      expect(error.statusCode).toBe(429);
      expect(error.errors[0]).toMatchObject({ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED' });
      expect(error.rawResponse?.headers.get('retry-after')).toBeNull();
    } finally {
      Object.assign(standin.faults, { rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });
});
