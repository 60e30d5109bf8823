import DataLoader from 'dataloader';
import { groupByKey, inChunks, rekey } from '../../../lib/batch.ts';
import { cachedBatch, type EntityCache } from '../../../lib/cache.ts';
import { LIMITS, type ShopConnector } from './connector/index.ts';
import type { ShopifyCart, ShopifyCustomer, ShopifyInventoryLevel, ShopifyOrder, ShopifyProduct, ShopifyVariant } from './mappers.ts';

/** Shopify ids are integers: anything else cannot exist, and must not reach an `ids=` list. */
export const isShopifyId = (id: string) => /^\d{1,19}$/.test(id);

const newestFirst = (a: ShopifyOrder, b: ShopifyOrder) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;

/** Splits valid keys from ones the vendor could never match, answering the latter with `empty`. */
async function onlyValid<V>(keys: readonly string[], valid: (key: string) => boolean, empty: V, load: (keys: string[]) => Promise<V[]>): Promise<V[]> {
  const good = keys.filter(valid);
  const loaded = good.length > 0 ? await load(good) : [];
  const byKey = new Map(good.map((key, i) => [key, loaded[i] as V]));
  return keys.map((key) => (byKey.has(key) ? (byKey.get(key) as V) : empty));
}

/**
 * Cache TTLs (ms) per resource (README "Caching"; CACHE_TTLS overrides). Orders by id, carts and
 * inventory levels are not cached (writes read them; web stock has no webhook here yet).
 */
export const CACHE_TTLS = {
  customer: 60_000,
  'orders-by-customer': 60_000,
  product: 600_000,
  'variant-sku': 600_000,
};

/** DataLoaders over Shopify's batch reads, built per request. Keys are Shopify ids as strings; reads go through the process's entity cache when given. */
export function createLoaders(connector: ShopConnector, opts: { webLocationId?: string | undefined; cache?: EntityCache | undefined } = {}) {
  const cache = opts.cache;
  const customerById = new DataLoader<string, ShopifyCustomer | null>((ids) =>
    onlyValid(ids, isShopifyId, null, (valid) =>
      cachedBatch(cache, { resource: 'customer' }, valid, async (missing) => {
        const customers = await inChunks(missing, LIMITS.ids, (part) => connector.customersByIds(part));
        return rekey(missing, customers, (c) => String(c.id));
      }),
    ),
  );

  const orderById = new DataLoader<string, ShopifyOrder | null>((ids) =>
    onlyValid(ids, isShopifyId, null, async (valid) => {
      const orders = await inChunks(valid, LIMITS.ids, (part) => connector.ordersByIds(part));
      return rekey(valid, orders, (o) => String(o.id));
    }),
  );

  /** Every order of each customer, any status, newest first: a GraphQL search for their ids, then `orders.json?ids=` (connector). */
  const ordersByCustomerId = new DataLoader<string, ShopifyOrder[]>((ids) =>
    onlyValid(ids, isShopifyId, [], (valid) =>
      cachedBatch(cache, { resource: 'orders-by-customer' }, valid, async (missing) => {
        const orders = await inChunks(missing, LIMITS.ids, (part) => connector.ordersByCustomerIds(part));
        for (const order of orders) orderById.prime(String(order.id), order);
        return groupByKey(missing, orders, (o) => String(o.customer?.id)).map((list) => list.sort(newestFirst));
      }),
    ),
  );

  const productById = new DataLoader<string, ShopifyProduct | null>((ids) =>
    onlyValid(ids, isShopifyId, null, (valid) =>
      cachedBatch(cache, { resource: 'product' }, valid, async (missing) => {
        const products = await inChunks(missing, LIMITS.ids, (part) => connector.productsByIds(part));
        return rekey(missing, products, (p) => String(p.id));
      }),
    ),
  );

  /**
   * The web variant selling each SKU. A comma would split the SKU list, so such SKUs are not
   * looked up. Shopify does not enforce unique SKUs: when several variants share one, the
   * oldest (lowest id) wins, so the answer is stable.
   */
  const variantBySku = new DataLoader<string, ShopifyVariant | null>((skus) =>
    onlyValid(skus, (sku) => sku.trim() !== '' && !sku.includes(','), null, (valid) =>
      cachedBatch(cache, { resource: 'variant-sku' }, valid, async (missing) => {
        const variants = await inChunks(missing, LIMITS.skus, (part) => connector.variantsBySkus(part));
        const oldestLast = [...variants].sort((a, b) => b.id - a.id);
        return rekey(missing, oldestLast, (v) => v.sku ?? '');
      }),
    ),
  );

  /** Stock of each inventory item at every location (50 items per call, Shopify's cap). */
  const inventoryByItemId = new DataLoader<string, ShopifyInventoryLevel[]>((ids) =>
    onlyValid(ids, isShopifyId, [], async (valid) => {
      const levels = await inChunks(valid, LIMITS.inventoryItems, (part) => connector.inventoryLevels(part));
      return groupByKey(valid, levels, (l) => String(l.inventory_item_id));
    }),
  );

  // The web warehouse: configured, or the first active location. One locations.json per request at most.
  let webLocation: Promise<string | null> | undefined;
  const webLocationId = () =>
    (webLocation ??= opts.webLocationId
      ? Promise.resolve(opts.webLocationId)
      : connector.locations().then((all) => {
          const active = all.filter((l) => l.active).sort((a, b) => a.id - b.id)[0];
          return active ? String(active.id) : null;
        }));

  const cartById = new DataLoader<string, ShopifyCart | null>((ids) => inChunks(ids, LIMITS.ids, (part) => connector.cartsByIds(part)).then((carts) => rekey(ids, carts, (c) => c.id)));
  /** Every cart of these customers (any status), most recently updated first. */
  const cartsByCustomerId = new DataLoader<string, ShopifyCart[]>((ids) =>
    onlyValid(ids, isShopifyId, [] as ShopifyCart[], (valid) =>
      inChunks(valid, LIMITS.ids, (part) => connector.cartsByCustomerIds(part)).then((carts) =>
        groupByKey(valid, [...carts].sort((a, b) => b.updated_at.localeCompare(a.updated_at)), (c) => String(c.customer_id)),
      ),
    ),
  );

  return { customerById, orderById, ordersByCustomerId, productById, variantBySku, inventoryByItemId, webLocationId, cartById, cartsByCustomerId };
}

export type Loaders = ReturnType<typeof createLoaders>;
