import { badInput } from '../../../../lib/errors.ts';
import { squareKey } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers, RecordStoreSaleInput } from '../generated/resolvers.ts';
import type { CatalogVariation, SquareLocation, SquareMoney } from '../mappers.ts';
import { formatMinorUnits, parseMinorUnits } from '../money.ts';
import { presentAt } from './product.ts';

const KEY_MAX = 150; // our key; Square's keys are derived from it (squareKey), whatever its length.
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
  return { key, location, lines, payment: paymentOf(input, location, lines) };
}

type SaleSource = { kind: 'CASH'; tendered: SquareMoney | null } | { kind: 'EXTERNAL'; type: string; source: string };
const EXTERNAL_TYPES = new Set(['CHECK', 'BANK_TRANSFER', 'OTHER_GIFT_CARD', 'CRYPTO', 'SQUARE_CASH', 'SOCIAL', 'EXTERNAL', 'EMONEY', 'CARD', 'STORED_BALANCE', 'FOOD_VOUCHER', 'OTHER']);

/** The shelf price total Square will charge (the variation's price at the store), to refuse short cash before writing anything. */
function expectedTotal(location: SquareLocation, lines: readonly PlannedLine[]): number {
  return lines.reduce((sum, l) => {
    const data = l.variation.variation.item_variation_data;
    const price = data?.location_overrides?.find((o) => o.location_id === location.id)?.price_money ?? data?.price_money;
    return sum + (price && price.currency === location.currency ? price.amount * l.quantity : 0);
  }, 0);
}

/** How the sale is paid (default: cash, the exact total); bad payment input is refused before any write. */
function paymentOf(input: RecordStoreSaleInput, location: SquareLocation, lines: readonly PlannedLine[]): SaleSource {
  const payment = input.payment;
  if (!payment || payment.method === 'CASH') {
    if (payment?.cashTendered === undefined || payment.cashTendered === null) return { kind: 'CASH', tendered: null };
    const amount = parseMinorUnits(payment.cashTendered, location.currency);
    if (amount === null) throw badInput(`cashTendered must be a decimal amount in ${location.currency}`, 'payment.cashTendered');
    const total = expectedTotal(location, lines);
    if (amount < total) throw badInput(`cashTendered ${payment.cashTendered} is less than the total ${formatMinorUnits(total, location.currency)} ${location.currency}`, 'payment.cashTendered');
    return { kind: 'CASH', tendered: { amount, currency: location.currency } };
  }
  const type = (payment.externalType ?? 'CARD').trim().toUpperCase();
  if (!EXTERNAL_TYPES.has(type)) throw badInput(`externalType must be one of ${[...EXTERNAL_TYPES].join(', ')}`, 'payment.externalType');
  const source = (payment.externalSource ?? 'Store card terminal').trim();
  if (source.length === 0 || source.length > 255) throw badInput('externalSource must be 1 to 255 characters', 'payment.externalSource');
  return { kind: 'EXTERNAL', type, source };
}

export const Mutation: MutationResolvers = {
  /**
   * Create (OPEN) → CreatePayment (cash or external, APPROVED) → PayOrder with that payment
   * (COMPLETED, one tender) → take the units out of IN_STOCK. Each Square call carries its own
   * idempotency key derived from the client's (squareKey), so a retry after any partial failure,
   * or after a first attempt that timed out once Square had written, replays the calls Square
   * already took and finishes the same sale: one order, one payment, one stock decrement. Stock is
   * checked before anything is written; a retry whose first attempt already sold the last units
   * is recognised by the order carrying the derived key as reference_id.
   */
  recordStoreSale: async (_root, { input }, ctx) => {
    const { key, location, lines, payment } = await validate(ctx, input);
    const orderKey = squareKey('order', key);
    const variationIds = lines.map((l) => l.variation.variation.id);
    const stock = await stockAt(ctx, location.id, variationIds);
    const short = lines.filter((l) => (stock.get(l.variation.variation.id) ?? 0) < l.quantity);
    if (short.length > 0) {
      const recent = await ctx.connector.recentOrdersAt(location.id, RETRY_LOOKBACK);
      const already = recent.some((o) => o.reference_id === orderKey);
      if (!already) {
        const detail = short.map((l) => `${l.sku}: ${stock.get(l.variation.variation.id) ?? 0} in stock, ${l.quantity} asked`).join('; ');
        throw badInput(`not enough stock at store ${location.id} (${detail})`, 'lines');
      }
    }
    const planned = lines.map((l) => ({ variationId: l.variation.variation.id, quantity: l.quantity }));
    const created = await ctx.connector.createOrder({
      idempotencyKey: orderKey,
      locationId: location.id,
      customerId: input.posCustomerId ?? null,
      // Square caps reference_id at 40 characters: the derived key (38) fits, the caller's may not.
      referenceId: orderKey,
      lines: planned,
    });
    let order = created;
    if (created.state === 'OPEN') {
      const total = created.total_money ?? { amount: 0, currency: location.currency };
      const source = payment.kind === 'CASH' ? { kind: 'CASH' as const, tendered: payment.tendered ?? total } : payment;
      const paid = await ctx.connector.createPayment({ idempotencyKey: squareKey('payment', key), order: created, source });
      order = await ctx.connector.payOrder(created.id, squareKey('pay', key), [paid.id]);
    }
    await ctx.connector.recordSold({ idempotencyKey: squareKey('stock', key), locationId: location.id, occurredAt: order.closed_at ?? order.created_at, lines: planned });
    // Everything read before the sale is stale now: the products are read again, and the
    // process's cache forgets their counts and the buyer's sales (write-through invalidation).
    await ctx.cache?.del([...variationIds.map((id): [string, string] => ['counts', id]), ...(input.posCustomerId ? [['orders-by-customer', input.posCustomerId] as [string, string], ['loyalty', input.posCustomerId] as [string, string]] : [])]);
    ctx.loaders.countsByVariationId.clearAll();
    ctx.loaders.orderById.prime(order.id, order);
    return { order, products: lines.map((l) => ({ sku: l.sku, catalog: l.variation })) };
  },
};
