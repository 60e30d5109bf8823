import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * C7, one inventory: a product's web and store stock and price from both systems, and a sale
 * rung up in a store showing in what the web shows on the very next query.
 */

interface Money {
  amount: string;
  currencyCode: string;
}
interface ProductRow {
  sku: string;
  online: { price: Money; available: number | null } | null;
  stores: { store: { id: string; name: string; country: string; currency: string }; price: Money | null; quantity: number | null }[];
}

const PRODUCTS = `query($after: String) { products(first: 100, after: $after) {
  nodes { sku online { price { amount currencyCode } available } stores { store { id name country currency } price { amount currencyCode } quantity } }
  pageInfo { hasNextPage endCursor } } }`;

const AVAILABILITY = `query($sku: ID!, $quantity: Int, $country: String) { product(sku: $sku) {
  sku
  availability(quantity: $quantity, country: $country) {
    quantity anywhere
    online { available stock price { amount currencyCode } }
    stores { store { id name } stock price { amount currencyCode } }
  }
} }`;

const MISMATCH = `query($sku: ID!) { product(sku: $sku) { sku priceMismatch {
  currencies
  prices { channel store { id name } price { amount currencyCode } }
  spreads { lowest { amount currencyCode } highest { amount currencyCode } }
} } }`;

const SALE = `mutation($input: RecordStoreSaleInput!) { recordStoreSale(input: $input) {
  order { id state total { amount currencyCode } store { id } }
  products { sku storeOffer(storeId: "STORE") { quantity } }
} }`;

const same = (a: string, b: string) => Number(a) === Number(b);

describe('one inventory through the gateway (C7)', () => {
  let stack: TestStack;
  let products: ProductRow[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    let after: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof stack.query<{ products: { nodes: ProductRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>>> =
        await stack.query(PRODUCTS, { after });
      expect(res.errors).toBeUndefined();
      products.push(...res.data!.products.nodes);
      after = res.data!.products.pageInfo.hasNextPage ? res.data!.products.pageInfo.endCursor : null;
    } while (after && products.length < 400);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists for 2 units only the stores holding at least 2, with their price, and the web answer', async () => {
    // A SKU some store holds 2+ of and another store holds fewer than 2 of.
    const product = products.find((p) => p.online && p.stores.some((s) => (s.quantity ?? 0) >= 2) && p.stores.some((s) => (s.quantity ?? 0) < 2));
    expect(product, 'the e2e data set has a SKU with uneven store stock').toBeDefined();
    const res = await stack.query<{ product: { availability: { quantity: number; anywhere: boolean; online: { available: boolean; stock: number | null; price: Money }; stores: { store: { id: string; name: string }; stock: number; price: Money | null }[] } } }>(
      AVAILABILITY,
      { sku: product!.sku, quantity: 2 },
    );
    expect(res.errors).toBeUndefined();
    const availability = res.data!.product.availability;
    const expected = product!.stores.filter((s) => (s.quantity ?? 0) >= 2);
    expect(availability.quantity).toBe(2);
    expect(availability.stores.map((s) => s.store.id).sort()).toEqual(expected.map((s) => s.store.id).sort());
    for (const s of availability.stores) {
      const offer = product!.stores.find((o) => o.store.id === s.store.id)!;
      expect(s).toEqual({ store: { id: offer.store.id, name: offer.store.name }, stock: offer.quantity, price: offer.price });
    }
    expect(availability.online).toEqual({ available: product!.online!.available === null || product!.online!.available >= 2, stock: product!.online!.available, price: product!.online!.price });
    expect(availability.anywhere).toBe(true);

    // Filtering by country keeps only that country's stores.
    const country = expected[0]!.store.country;
    const local = await stack.query<{ product: { availability: { stores: { store: { id: string } }[] } } }>(AVAILABILITY, { sku: product!.sku, quantity: 2, country });
    expect(local.data!.product.availability.stores.map((s) => s.store.id).sort()).toEqual(expected.filter((s) => s.store.country === country).map((s) => s.store.id).sort());
  });

  it('shows the channels disagreeing on price for the same currency, and null when they agree', async () => {
    const inCurrency = (p: ProductRow, currency: string) => [
      ...(p.online && p.online.price.currencyCode === currency ? [p.online.price.amount] : []),
      ...p.stores.filter((s) => s.price?.currencyCode === currency).map((s) => s.price!.amount),
    ];
    const disagrees = (p: ProductRow) => {
      const currencies = new Set([p.online?.price.currencyCode, ...p.stores.map((s) => s.price?.currencyCode)].filter((c): c is string => !!c));
      return [...currencies].some((c) => new Set(inCurrency(p, c).map(Number)).size > 1);
    };
    const mismatched = products.find((p) => p.online && disagrees(p) && p.stores.some((s) => s.price?.currencyCode === p.online!.price.currencyCode && !same(s.price.amount, p.online!.price.amount)));
    const agreeing = products.find((p) => p.online && p.stores.length > 0 && !disagrees(p));
    expect(mismatched, 'the e2e data set has a SKU priced differently in a store').toBeDefined();
    expect(agreeing, 'the e2e data set has a SKU priced the same everywhere').toBeDefined();

    const res = await stack.query<{ product: { priceMismatch: { currencies: string[]; prices: { channel: string; store: { id: string } | null; price: Money }[]; spreads: { lowest: Money; highest: Money }[] } } }>(MISMATCH, { sku: mismatched!.sku });
    expect(res.errors).toBeUndefined();
    const mismatch = res.data!.product.priceMismatch;
    const web = mismatched!.online!.price;
    expect(mismatch.currencies).toContain(web.currencyCode);
    expect(mismatch.prices).toContainEqual({ channel: 'WEB', store: null, price: web });
    const differing = mismatched!.stores.find((s) => s.price?.currencyCode === web.currencyCode && !same(s.price.amount, web.amount))!;
    expect(mismatch.prices).toContainEqual({ channel: 'STORE', store: { id: differing.store.id, name: differing.store.name }, price: differing.price });
    const amounts = inCurrency(mismatched!, web.currencyCode).map(Number);
    const spread = mismatch.spreads.find((s) => s.lowest.currencyCode === web.currencyCode)!;
    expect([Number(spread.lowest.amount), Number(spread.highest.amount)]).toEqual([Math.min(...amounts), Math.max(...amounts)]);

    const agree = await stack.query<{ product: { priceMismatch: unknown } }>(MISMATCH, { sku: agreeing!.sku });
    expect(agree.errors).toBeUndefined();
    expect(agree.data!.product.priceMismatch).toBeNull();
  });

  it('shows a store sale in the availability the web reads on the next query, and a retried sale decrements once', async () => {
    const product = products.find((p) => p.stores.some((s) => (s.quantity ?? 0) >= 3))!;
    const store = product.stores.find((s) => (s.quantity ?? 0) >= 3)!;
    const before = store.quantity!;
    const stockSeen = async (quantity: number) => {
      const res = await stack.query<{ product: { availability: { stores: { store: { id: string }; stock: number }[] } } }>(AVAILABILITY, { sku: product.sku, quantity });
      expect(res.errors).toBeUndefined();
      return res.data!.product.availability.stores.find((s) => s.store.id === store.store.id)?.stock ?? null;
    };
    // Read once first, so a cache anywhere on the path would hold the old count.
    expect(await stockSeen(1)).toBe(before);

    const input = { storeId: store.store.id, lines: [{ sku: product.sku, quantity: before - 1 }], idempotencyKey: `e2e-sale-${product.sku}` };
    const sale = await stack.query<{ recordStoreSale: { order: { id: string; state: string; store: { id: string } }; products: { sku: string; storeOffer: { quantity: number } }[] } }>(
      SALE.replace('STORE', store.store.id),
      { input },
    );
    expect(sale.errors).toBeUndefined();
    expect(sale.data!.recordStoreSale.order).toMatchObject({ state: 'COMPLETED', store: { id: store.store.id } });
    expect(sale.data!.recordStoreSale.products).toEqual([{ sku: product.sku, storeOffer: { quantity: 1 } }]);
    expect(await stockSeen(1)).toBe(1);
    // One unit left: a shopper asking for 2 no longer sees this store.
    expect(await stockSeen(2)).toBeNull();

    const retry = await stack.query<{ recordStoreSale: { order: { id: string } } }>(SALE.replace('STORE', store.store.id), { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordStoreSale.order.id).toBe(sale.data!.recordStoreSale.order.id);
    expect(await stockSeen(1)).toBe(1);
  });

  it('refuses an unknown store, an unknown SKU and too many units with BAD_USER_INPUT and changes no stock', async () => {
    const product = products.find((p) => p.stores.some((s) => (s.quantity ?? 0) >= 1))!;
    const store = product.stores.find((s) => (s.quantity ?? 0) >= 1)!;
    await stack.resetUpstreamCalls();
    const attempts = [
      { input: { storeId: 'LNOSUCHSTORE0', lines: [{ sku: product.sku, quantity: 1 }] }, field: 'storeId' },
      { input: { storeId: store.store.id, lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] }, field: 'lines' },
      { input: { storeId: store.store.id, lines: [{ sku: product.sku, quantity: store.quantity! + 1 }] }, field: 'lines' },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const res = await stack.query(SALE.replace('STORE', store.store.id), { input: { ...attempt.input, idempotencyKey: `e2e-bad-${i}` } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: attempt.field });
    }
    const calls = await stack.upstreamCalls('pos');
    expect(calls['POST /v2/orders'] ?? 0).toBe(0);
    expect(calls['POST /v2/inventory/changes/batch-create'] ?? 0).toBe(0);
  });
});
