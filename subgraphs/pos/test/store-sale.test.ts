import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { customerByEmail, locationNamed } from './fixtures.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const somchai = customerByEmail('somchai.j@example.com');
const bangkok = locationNamed('Bangkok');
const saigon = locationNamed('Ho Chi Minh City');

const SALE = `mutation($input: RecordStoreSaleInput!) {
  recordStoreSale(input: $input) {
    order { id state closedAt total { amount currencyCode } lineItems { sku quantity } store { id } identity { system externalId } }
    products { sku storeOffer(storeId: "${bangkok.id}") { quantity } }
  }
}`;
const STOCK = `query { _entities(representations: [{ __typename: "Product", sku: "TEE-BLK-M" }]) { ... on Product { stores { store { id } quantity } } } }`;

interface SaleResult {
  recordStoreSale: {
    order: { id: string; state: string; closedAt: string | null; total: { amount: string; currencyCode: string }; lineItems: { sku: string; quantity: string }[]; store: { id: string }; identity: { system: string; externalId: string } | null };
    products: { sku: string; storeOffer: { quantity: number } | null }[];
  };
}

describe('recordStoreSale against the Square stand-in', () => {
  let pos: Component;
  const stockAt = async (storeId: string) => {
    const res = await pos.query<{ _entities: { stores: { store: { id: string }; quantity: number }[] }[] }>(STOCK);
    return res.data!._entities[0]!.stores.find((s) => s.store.id === storeId)?.quantity;
  };
  beforeAll(async () => {
    pos = await startComponent('pos');
  });
  afterAll(async () => {
    await pos.close();
  });

  it('creates and pays a Square order and takes the units out of the store stock', async () => {
    const before = await stockAt(bangkok.id);
    pos.resetCalls();
    const res = await pos.query<SaleResult>(SALE, { input: { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 2 }], posCustomerId: somchai.id, idempotencyKey: 'sale-1' } });
    expect(res.errors).toBeUndefined();
    const sale = res.data!.recordStoreSale;
    expect(sale.order).toMatchObject({ state: 'COMPLETED', total: { amount: '1180.00', currencyCode: 'THB' }, lineItems: [{ sku: 'TEE-BLK-M', quantity: '2' }], store: { id: bangkok.id }, identity: { system: 'pos', externalId: somchai.id } });
    expect(sale.order.closedAt).not.toBeNull();
    expect(sale.products).toEqual([{ sku: 'TEE-BLK-M', storeOffer: { quantity: before! - 2 } }]);
    expect(pos.upstreamCalls()).toMatchObject({ 'POST /v2/orders': 1, 'POST /v2/payments': 1, 'POST /v2/orders/:order_id/pay': 1, 'POST /v2/inventory/changes/batch-create': 1 });
    expect(await stockAt(bangkok.id)).toBe(before! - 2);
  });

  it('returns the first sale for a retried key and does not decrement twice', async () => {
    const before = await stockAt(bangkok.id);
    const input = { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], idempotencyKey: 'sale-retry' };
    const first = await pos.query<SaleResult>(SALE, { input });
    const second = await pos.query<SaleResult>(SALE, { input });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.recordStoreSale.order.id).toBe(first.data!.recordStoreSale.order.id);
    expect(await stockAt(bangkok.id)).toBe(before! - 1);
  });

  it('recognises a retry even when the first attempt sold the last units', async () => {
    const left = (await stockAt(saigon.id))!;
    const input = { storeId: saigon.id, lines: [{ sku: 'TEE-BLK-M', quantity: left }], idempotencyKey: 'sale-last-units' };
    const first = await pos.query<SaleResult>(SALE, { input });
    expect(first.errors).toBeUndefined();
    const retry = await pos.query<SaleResult>(SALE, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordStoreSale.order.id).toBe(first.data!.recordStoreSale.order.id);
    expect(await stockAt(saigon.id)).toBe(0);
  });

  it.each([
    ['an unknown store', { storeId: 'LNOPE00000000', lines: [{ sku: 'TEE-BLK-M', quantity: 1 }] }, 'storeId', /store LNOPE00000000 does not exist/],
    ['an unknown SKU', { storeId: bangkok.id, lines: [{ sku: 'NOPE-SKU', quantity: 1 }] }, 'lines', /SKU NOPE-SKU is not in the POS catalog/],
    ['more units than the store holds', { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 10_000 }] }, 'lines', /not enough stock .*TEE-BLK-M: \d+ in stock, 10000 asked/],
    ['a quantity below 1', { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 0 }] }, 'lines', /at least 1/],
    ['an unknown POS customer', { storeId: bangkok.id, lines: [{ sku: 'TEE-BLK-M', quantity: 1 }], posCustomerId: '0000000000000000000000000X' }, 'posCustomerId', /does not exist/],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, field, message) => {
    const before = await stockAt(bangkok.id);
    pos.resetCalls();
    const res = await pos.query(SALE, { input: { ...input, idempotencyKey: `bad-${field}-${Math.random()}` } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field } });
    const calls = pos.upstreamCalls();
    expect(calls['POST /v2/orders'] ?? 0).toBe(0);
    expect(calls['POST /v2/inventory/changes/batch-create'] ?? 0).toBe(0);
    expect(await stockAt(bangkok.id)).toBe(before);
  });
});
