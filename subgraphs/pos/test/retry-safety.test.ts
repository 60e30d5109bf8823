import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { squareKey } from '../src/connector/index.ts';
import { locationNamed } from './fixtures.ts';

/**
 * A retried store sale makes one sale: one Square order, one payment, one stock decrement, also
 * when the first attempt timed out after Square had written (the stand-in's slowWriteMs: the
 * write is done, the answer comes after the subgraph gave up). Each Square call carries a key
 * derived from ours (squareKey), so the retry's calls are replays Square answers with the first result.
 */
const bangkok = locationNamed('Bangkok');
const SALE = `mutation($input: RecordStoreSaleInput!) {
  recordStoreSale(input: $input) { order { id state tenders { type amount { amount } cashTendered { amount } changeBack { amount } paymentId } } }
}`;
const STOCK = `query { _entities(representations: [{ __typename: "Product", sku: "TEE-BLK-M" }]) { ... on Product { stores { store { id } quantity } } } }`;

interface SaleData {
  recordStoreSale: { order: { id: string; state: string; tenders: { type: string; amount: { amount: string }; cashTendered: { amount: string } | null; changeBack: { amount: string } | null; paymentId: string }[] } };
}

describe('recordStoreSale retried against Square', () => {
  let pos: Awaited<ReturnType<typeof startComponent>>;
  const square = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${pos.systemUrl}${path}`, { method, headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return (await res.json()) as T;
  };
  const ordersWithReference = async (reference: string) => {
    const res = await square<{ orders?: { id: string; reference_id?: string; state: string }[] }>('POST', '/v2/orders/search', { location_ids: [bangkok.id], query: { sort: { sort_field: 'CREATED_AT', sort_order: 'DESC' } }, limit: 500 });
    return (res.orders ?? []).filter((o) => o.reference_id === reference);
  };
  const paymentsOf = async (orderId: string) => ((await square<{ payments?: { order_id?: string; status: string }[] }>('GET', `/v2/payments?location_id=${bangkok.id}`)).payments ?? []).filter((p) => p.order_id === orderId);
  const stock = async () => {
    const res = await pos.query<{ _entities: { stores: { store: { id: string }; quantity: number }[] }[] }>(STOCK);
    return res.data!._entities[0]!.stores.find((s) => s.store.id === bangkok.id)!.quantity;
  };

  beforeAll(async () => {
    pos = await startComponent('pos', { env: { UPSTREAM_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await pos?.close();
  });

  it('makes one order, one payment and one decrement when the first attempt timed out after Square wrote', async () => {
    const before = await stock();
    const input = { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 2 }], idempotencyKey: 'retry-timeout', payment: { method: 'CASH', cashTendered: '1200.00' } };
    pos.setFaults({ slowWriteMs: 700 });
    const first = await pos.query<SaleData>(SALE, { input });
    expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    // Square wrote the order although the subgraph gave up on the answer.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await ordersWithReference(squareKey('order', 'retry-timeout'))).toHaveLength(1);
    pos.setFaults({ slowWriteMs: 0 });
    const retry = await pos.query<SaleData>(SALE, { input });
    expect(retry.errors).toBeUndefined();
    const again = await pos.query<SaleData>(SALE, { input });
    expect(again.data!.recordStoreSale.order.id).toBe(retry.data!.recordStoreSale.order.id);
    const order = retry.data!.recordStoreSale.order;
    expect(order.state).toBe('COMPLETED');
    expect(order.tenders).toEqual([{ type: 'CASH', amount: { amount: '1180.00' }, cashTendered: { amount: '1200.00' }, changeBack: { amount: '20.00' }, paymentId: expect.any(String) }]);
    const orders = await ordersWithReference(squareKey('order', 'retry-timeout'));
    expect(orders.map((o) => o.id)).toEqual([order.id]);
    expect((await paymentsOf(order.id)).map((p) => p.status)).toEqual(['COMPLETED']);
    expect(await stock()).toBe(before - 2);
  });

  it('pays through an external source (a card terminal outside Square) as an OTHER tender', async () => {
    const res = await pos.query<SaleData>(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'retry-card', payment: { method: 'EXTERNAL', externalType: 'card' } } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordStoreSale.order.tenders).toEqual([{ type: 'OTHER', amount: { amount: '590.00' }, cashTendered: null, changeBack: null, paymentId: expect.any(String) }]);
  });

  it('refuses the same key with other lines (Square IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const before = await stock();
    const res = await pos.query<SaleData>(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'retry-timeout' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(await stock()).toBe(before);
  });

  it('refuses short cash before writing anything', async () => {
    const before = await stock();
    const res = await pos.query<SaleData>(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'retry-short', payment: { method: 'CASH', cashTendered: '100.00' } } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await ordersWithReference(squareKey('order', 'retry-short'))).toEqual([]);
    expect(await stock()).toBe(before);
  });
});
