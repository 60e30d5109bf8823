import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, SYSTEMS, type TestStack } from './helpers/e2e.ts';

/**
 * Issue 4's caching lever with issue 3's rule: with the channel subgraphs' entity caches on (in
 * memory, then Redis when REDIS_URL is set), a repeated customer 360 is answered from the caches,
 * and a sale recorded in the POS shows in the availability the web shows on the very next query.
 */

const PRODUCTS = `{ products(first: 100) { nodes { sku stores { store { id } quantity } } } }`;
const AVAILABILITY = `query($sku: ID!) { product(sku: $sku) { sku availability { stores { store { id } stock } } } }`;
const SALE = `mutation($input: RecordStoreSaleInput!) { recordStoreSale(input: $input) { order { id state } } }`;
const CUSTOMERS = `{ customers(first: 50) { edges { node { id links { system } } } } }`;
const CUSTOMER_360 = `query($id: ID!) { customer(id: $id) {
  id
  crmContacts { id name notes { body } tickets { subject } }
  shopAccounts { id orders(first: 5) { name total { amount } } }
  posCustomers { id loyalty { balance } sales(first: 5) { id store { name } } }
  socialProfiles { platform name conversations(first: 3) { updatedAt messages(first: 3) { text } } }
} }`;

const redisUrl = process.env.REDIS_URL;

function cachedStackSuite(label: string, env: () => Record<string, string>) {
  describe(`with the channel subgraphs' caches on (${label})`, () => {
    let stack: TestStack;
    let products: { sku: string; stores: { store: { id: string }; quantity: number | null }[] }[] = [];

    beforeAll(async () => {
      const cacheEnv = env();
      stack = await startTestStack({ env: Object.fromEntries(SYSTEMS.map((name) => [name, cacheEnv])) });
      const res = await stack.query<{ products: { nodes: typeof products } }>(PRODUCTS);
      expect(res.errors).toBeUndefined();
      products = res.data!.products.nodes;
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
    });

    const stockAt = async (sku: string, storeId: string) => {
      const res = await stack.query<{ product: { availability: { stores: { store: { id: string }; stock: number }[] } } }>(AVAILABILITY, { sku });
      expect(res.errors).toBeUndefined();
      return res.data!.product.availability.stores.find((s) => s.store.id === storeId)?.stock ?? 0;
    };

    it('answers a repeated customer 360 without calling the CRM, the shop, the POS or the social platforms', async () => {
      const customers = await stack.query<{ customers: { edges: { node: { id: string; links: { system: string }[] } }[] } }>(CUSTOMERS);
      const richest = customers
        .data!.customers.edges.map((e) => e.node)
        .sort((a, b) => new Set(b.links.map((l) => l.system)).size - new Set(a.links.map((l) => l.system)).size)[0]!;
      const first = await stack.query(CUSTOMER_360, { id: richest.id });
      expect(first.errors).toBeUndefined();
      await stack.resetUpstreamCalls();
      const second = await stack.query(CUSTOMER_360, { id: richest.id });
      expect(second).toEqual(first);
      for (const system of SYSTEMS) expect(await stack.upstreamCalls(system), system).toEqual({});
    });

    it('shows a POS store sale in product availability on the next query, though the stock was cached', async () => {
      const product = products.find((p) => p.stores.some((s) => (s.quantity ?? 0) >= 2))!;
      const store = product.stores.find((s) => (s.quantity ?? 0) >= 2)!.store.id;
      const before = await stockAt(product.sku, store);
      // Cached now: the same query again makes no POS inventory call.
      await stack.resetUpstreamCalls();
      expect(await stockAt(product.sku, store)).toBe(before);
      expect((await stack.upstreamCalls('pos'))['POST /v2/inventory/counts/batch-retrieve'] ?? 0).toBe(0);
      const sale = await stack.query(SALE, { input: { storeId: store, lines: [{ sku: product.sku, quantity: 1 }], idempotencyKey: `cache-e2e-${randomUUID()}` } });
      expect(sale.errors).toBeUndefined();
      expect(await stockAt(product.sku, store)).toBe(before - 1);
    });
  });
}

cachedStackSuite('in memory', () => ({ CACHE_STORE: 'memory' }));
describe.skipIf(!redisUrl)(`Redis${redisUrl ? '' : ' (skipped: REDIS_URL is not set)'}`, () => {
  cachedStackSuite('Redis', () => ({ CACHE_STORE: 'redis', REDIS_URL: redisUrl ?? '', CACHE_NAMESPACE: `omnigraph-e2e-${randomUUID().slice(0, 8)}` }));
});
