import DataLoader from 'dataloader';
import { chunk, groupByKey, inChunks, rekey } from '../../../lib/batch.ts';
import { cachedBatch, type EntityCache } from '../../../lib/cache.ts';
import { ErrorCode, UpstreamError } from '../../../lib/errors.ts';
import { LIMITS, SYSTEM, type PosConnector } from './connector/index.ts';
import type {
  CatalogVariation,
  SquareCatalogObject,
  SquareCustomer,
  SquareInventoryCount,
  SquareLocation,
  SquareLoyaltyAccount,
  SquareOrder,
} from './mappers.ts';

/** Joins variations with their parent items (Square returns those as `related_objects`). */
function withItems(objects: readonly SquareCatalogObject[], related: readonly SquareCatalogObject[]): CatalogVariation[] {
  const items = new Map([...objects, ...related].filter((o) => o.type === 'ITEM').map((o) => [o.id, o]));
  return objects
    .filter((o) => o.type === 'ITEM_VARIATION' && !o.is_deleted && o.item_variation_data)
    .map((variation) => ({ variation, item: items.get(variation.item_variation_data?.item_id ?? '') ?? null }));
}

/**
 * Cache TTLs (ms) per resource (README "Caching"; CACHE_TTLS overrides). Orders by id are not
 * cached: writes read them for their version. Counts are invalidated by `inventory.count.updated`
 * webhooks and by this subgraph's own sales.
 */
export const CACHE_TTLS = {
  customer: 60_000,
  loyalty: 60_000,
  'orders-by-customer': 60_000,
  locations: 600_000,
  catalog: 600_000,
  'catalog-sku': 600_000,
  counts: 60_000,
};

/** DataLoaders over Square's batch endpoints, built per request; reads go through the process's entity cache when given. */
export function createLoaders(connector: PosConnector, cache?: EntityCache) {
  // One GET /v2/locations per request: Square does not page locations and they are few.
  let locations: Promise<SquareLocation[]> | undefined;
  const allLocations = () =>
    (locations ??= cachedBatch<SquareLocation[]>(cache, { resource: 'locations' }, ['all'], async () => [await connector.listLocations()]).then(
      ([all]) => (all instanceof Error ? Promise.reject(all) : (all ?? [])),
    ));

  const customerById = new DataLoader<string, SquareCustomer | null>((keys) => cachedBatch(cache, { resource: 'customer' }, keys, async (ids) => {
    const results = await inChunks(ids, LIMITS.bulkCustomers, async (part) => {
      const responses = await connector.bulkRetrieveCustomers(part);
      return part.map((id) => ({ id, result: responses[id] }));
    });
    return rekey(ids, results, (r) => r.id).map((entry, i): SquareCustomer | null | Error => {
      const result = entry?.result;
      if (!result) return null;
      if ('customer' in result) return result.customer;
      const first = result.errors[0];
      if (!first || first.code === 'NOT_FOUND') return null;
      // Any other per-id error fails only this customer's fields.
      return new UpstreamError(ErrorCode.UPSTREAM_ERROR, `pos: customer ${ids[i]}: ${first.code}`, { system: SYSTEM });
    });
  }));

  const orderById = new DataLoader<string, SquareOrder | null>(async (ids) => {
    const orders = await inChunks(ids, LIMITS.batchOrders, (part) => connector.batchRetrieveOrders(part));
    return rekey(ids, orders, (o) => o.id);
  });

  /**
   * Square caps an order search at 10 customer ids and 10 location ids, and requires the
   * locations: a page of 50 customers costs 5 searches (× location chunks), run in parallel.
   */
  const ordersByCustomerId = new DataLoader<string, SquareOrder[]>((keys) => cachedBatch(cache, { resource: 'orders-by-customer' }, keys, async (customerIds) => {
    const locationIds = (await allLocations()).map((l) => l.id);
    if (locationIds.length === 0) return customerIds.map(() => []);
    const calls = chunk(customerIds, LIMITS.orderSearchCustomers).flatMap((customers) =>
      chunk(locationIds, LIMITS.orderSearchLocations).map((stores) => connector.searchOrdersByCustomers(customers, stores)),
    );
    const unique = new Map((await Promise.all(calls)).flat().map((o) => [o.id, o]));
    // Results of several location chunks interleave: sort again, newest first.
    const newestFirst = [...unique.values()].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
    return groupByKey(customerIds, newestFirst, (o) => o.customer_id ?? '');
  }));

  const locationById = new DataLoader<string, SquareLocation | null>(async (ids) => rekey(ids, await allLocations(), (l) => l.id));

  const variationById = new DataLoader<string, CatalogVariation | null>((keys) => cachedBatch(cache, { resource: 'catalog' }, keys, async (ids) => {
    const found = await inChunks(ids, LIMITS.catalogObjects, async (part) => {
      const { objects, related } = await connector.batchRetrieveCatalog(part);
      return withItems(objects, related);
    });
    return rekey(ids, found, (v) => v.variation.id);
  }));

  const variationBySku = new DataLoader<string, CatalogVariation | null>((keys) => cachedBatch(cache, { resource: 'catalog-sku' }, keys, async (skus) => {
    const found = await inChunks(skus, LIMITS.catalogObjects, async (part) => {
      const { objects, related } = await connector.searchVariationsBySku(part);
      return withItems(objects, related);
    });
    for (const v of found) variationById.prime(v.variation.id, v);
    return rekey(skus, found, (v) => v.variation.item_variation_data?.sku ?? '');
  }));

  const countsByVariationId = new DataLoader<string, SquareInventoryCount[]>((keys) => cachedBatch(cache, { resource: 'counts' }, keys, async (ids) => {
    const counts = await inChunks(ids, LIMITS.inventoryObjects, (part) => connector.inventoryCounts(part));
    return groupByKey(ids, counts, (c) => c.catalog_object_id);
  }));

  const loyaltyByCustomerId = new DataLoader<string, SquareLoyaltyAccount | null>((keys) => cachedBatch(cache, { resource: 'loyalty', cacheNull: true }, keys, async (ids) => {
    const accounts = await inChunks(ids, LIMITS.loyaltyCustomers, (part) => connector.searchLoyaltyAccounts(part));
    return rekey(ids, accounts, (a) => a.customer_id ?? '');
  }));

  return {
    allLocations,
    customerById,
    orderById,
    ordersByCustomerId,
    locationById,
    variationById,
    variationBySku,
    countsByVariationId,
    loyaltyByCustomerId,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
