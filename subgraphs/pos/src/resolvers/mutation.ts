import { badInput } from '../../../../lib/errors.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers, RecordStoreSaleInput } from '../generated/resolvers.ts';
import type { CatalogVariation, SquareLocation } from '../mappers.ts';
import { presentAt } from './product.ts';

const KEY_MAX = 150; // Square caps idempotency_key at 192; we append ":pay" / ":stock".
const LINES_MAX = 100; // one inventory batch-create holds 100 changes
/** Recent orders looked through for a sale already recorded under the same key. */
const RETRY_LOOKBACK = 200;

interface PlannedLine {
  sku: string;
  quantity: number;
  variation: CatalogVariation;
}

/** IN_STOCK whole units of each variation at one location, read fresh from Square. */
async function stockAt(ctx: Context, locationId: string, variationIds: readonly string[]): Promise<Map<string, number>> {
  const counts = await ctx.connector.inventoryCounts(variationIds);
  const stock = new Map<string, number>();
  for (const c of counts) {
    if (c.location_id !== locationId || c.state !== 'IN_STOCK') continue;
    stock.set(c.catalog_object_id, (stock.get(c.catalog_object_id) ?? 0) + Math.floor(Number(c.quantity) || 0));
  }
  return stock;
}

async function validate(ctx: Context, input: RecordStoreSaleInput) {
  const key = input.idempotencyKey.trim();
  if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
  if (input.lines.length === 0 || input.lines.length > LINES_MAX) throw badInput(`a sale has 1 to ${LINES_MAX} lines`, 'lines');
  // One line per SKU: the same SKU twice is summed, as a till would.
  const wanted = new Map<string, number>();
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw badInput(`quantity of ${line.sku} must be a whole number of at least 1`, 'lines');
    wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
  }
  const locations = await ctx.loaders.allLocations();
  const location: SquareLocation | undefined = locations.find((l) => l.id === input.storeId);
  if (!location) throw badInput(`store ${input.storeId} does not exist`, 'storeId');
  if (location.status !== 'ACTIVE') throw badInput(`store ${input.storeId} is not trading`, 'storeId');
  if (input.posCustomerId) {
    const customer = await ctx.loaders.customerById.load(input.posCustomerId);
    if (!customer) throw badInput(`POS customer ${input.posCustomerId} does not exist`, 'posCustomerId');
  }
  const skus = [...wanted.keys()];
  const variations = await ctx.loaders.variationBySku.loadMany(skus);
  const lines: PlannedLine[] = skus.map((sku, i) => {
    const variation = variations[i];
    if (variation instanceof Error) throw variation;
    if (!variation) throw badInput(`SKU ${sku} is not in the POS catalog`, 'lines');
    if (!presentAt(variation.variation, location.id) || (variation.item && !presentAt(variation.item, location.id))) {
      throw badInput(`SKU ${sku} is not sold at store ${location.id}`, 'lines');
    }
    return { sku, quantity: wanted.get(sku)!, variation };
  });
  return { key, location, lines };
}

export const Mutation: MutationResolvers = {
  /**
   * Create (OPEN) → pay (COMPLETED) → take the units out of IN_STOCK, each step under a key
   * derived from the client's, so a retry after any partial failure finishes the same sale and
   * never decrements twice. Stock is checked before anything is written; a retry whose first
   * attempt already sold the last units is recognised by the order carrying the key as reference_id.
   */
  recordStoreSale: async (_root, { input }, ctx) => {
    const { key, location, lines } = await validate(ctx, input);
    const variationIds = lines.map((l) => l.variation.variation.id);
    const stock = await stockAt(ctx, location.id, variationIds);
    const short = lines.filter((l) => (stock.get(l.variation.variation.id) ?? 0) < l.quantity);
    if (short.length > 0) {
      const recent = await ctx.connector.recentOrdersAt(location.id, RETRY_LOOKBACK);
      const already = recent.some((o) => o.reference_id === key);
      if (!already) {
        const detail = short.map((l) => `${l.sku}: ${stock.get(l.variation.variation.id) ?? 0} in stock, ${l.quantity} asked`).join('; ');
        throw badInput(`not enough stock at store ${location.id} (${detail})`, 'lines');
      }
    }
    const planned = lines.map((l) => ({ variationId: l.variation.variation.id, quantity: l.quantity }));
    const created = await ctx.connector.createOrder({
      idempotencyKey: key,
      locationId: location.id,
      customerId: input.posCustomerId ?? null,
      referenceId: key,
      lines: planned,
    });
    const order = created.state === 'OPEN' ? await ctx.connector.payOrder(created.id, `${key}:pay`) : created;
    await ctx.connector.recordSold({ idempotencyKey: `${key}:stock`, locationId: location.id, occurredAt: order.closed_at ?? order.created_at, lines: planned });
    // Everything read before the sale is stale now: the products are read again, and the
    // process's cache forgets their counts and the buyer's sales (write-through invalidation).
    await ctx.cache?.del([...variationIds.map((id): [string, string] => ['counts', id]), ...(input.posCustomerId ? [['orders-by-customer', input.posCustomerId] as [string, string], ['loyalty', input.posCustomerId] as [string, string]] : [])]);
    ctx.loaders.countsByVariationId.clearAll();
    ctx.loaders.orderById.prime(order.id, order);
    return { order, products: lines.map((l) => ({ sku: l.sku, catalog: l.variation })) };
  },
};
