import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { CreateStoreOrderInput, MutationResolvers, PosPickupResolvers, StoreResolvers } from '../generated/resolvers.ts';
import type { SquareFulfillment, SquareOrder } from '../mappers.ts';
import { presentAt } from './product.ts';

/**
 * Buy online, pick up in store (C6) and carts handed to a store (C5), on Square orders:
 * a pickup order is an OPEN order with a PICKUP fulfilment, a handed-off cart a DRAFT order.
 * The flows subgraph calls these mutations; store staff call markPickupReady/Collected.
 */
const KEY_MAX = 150;
const OPEN_PICKUP_STATES = ['PROPOSED', 'RESERVED', 'PREPARED'];

const checkKey = (key: string) => {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
  return trimmed;
};

const pickupOf = (order: SquareOrder): SquareFulfillment | undefined => order.fulfillments?.find((f) => f.type === 'PICKUP');

async function createStoreOrder(ctx: Context, input: CreateStoreOrderInput, kind: 'PICKUP' | 'DRAFT'): Promise<SquareOrder> {
  const key = checkKey(input.idempotencyKey);
  if (input.lines.length === 0 || input.lines.length > 100) throw badInput('an order has 1 to 100 lines', 'lines');
  const referenceId = input.referenceId.trim();
  if (referenceId.length === 0 || referenceId.length > 40) throw badInput('referenceId must be 1 to 40 characters (Square reference_id)', 'referenceId');
  const wanted = new Map<string, number>();
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw badInput(`quantity of ${line.sku} must be a whole number of at least 1`, 'lines');
    wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
  }
  const location = (await ctx.loaders.allLocations()).find((l) => l.id === input.storeId);
  if (!location) throw badInput(`store ${input.storeId} does not exist`, 'storeId');
  if (location.status !== 'ACTIVE') throw badInput(`store ${input.storeId} is not trading`, 'storeId');
  const skus = [...wanted.keys()];
  const variations = await ctx.loaders.variationBySku.loadMany(skus);
  const lines = skus.map((sku, i) => {
    const variation = variations[i];
    if (variation instanceof Error) throw variation;
    if (!variation) throw badInput(`SKU ${sku} is not in the POS catalog`, 'lines');
    if (!presentAt(variation.variation, location.id) || (variation.item && !presentAt(variation.item, location.id))) {
      throw badInput(`SKU ${sku} is not sold at store ${location.id}`, 'lines');
    }
    return { variationId: variation.variation.id, quantity: wanted.get(sku)! };
  });
  const order = await ctx.connector.createStoreOrder({
    kind,
    idempotencyKey: `${kind.toLowerCase()}:${key}`,
    locationId: location.id,
    referenceId,
    recipientName: input.recipientName ?? null,
    lines,
  });
  ctx.loaders.orderById.prime(order.id, order);
  if (order.customer_id) await ctx.cache?.del([['orders-by-customer', order.customer_id]]);
  return order;
}

async function pickupOrder(ctx: Context, posOrderId: string): Promise<{ order: SquareOrder; pickup: SquareFulfillment }> {
  const order = await ctx.loaders.orderById.load(posOrderId);
  if (!order) throw codedError(ErrorCode.NOT_FOUND, `No POS order ${posOrderId}`, { system: SYSTEM, field: 'posOrderId' });
  const pickup = pickupOf(order);
  if (!pickup) throw badInput(`POS order ${posOrderId} is not a pickup order`, 'posOrderId');
  return { order, pickup };
}

async function moveTo(ctx: Context, order: SquareOrder, pickup: SquareFulfillment, state: 'PREPARED' | 'COMPLETED', key: string): Promise<SquareOrder> {
  const updated = await ctx.connector.updateOrder(order.id, {
    idempotencyKey: `${state === 'PREPARED' ? 'ready' : 'collected'}:${order.id}:${key}`,
    version: order.version,
    fulfillments: [{ uid: pickup.uid, state }],
    ...(state === 'COMPLETED' ? { state: 'COMPLETED' } : {}),
  });
  ctx.loaders.orderById.clear(order.id).prime(order.id, updated);
  if (updated.customer_id) await ctx.cache?.del([['orders-by-customer', updated.customer_id]]);
  return updated;
}

export const PickupMutation: Pick<MutationResolvers, 'createPickupOrder' | 'createPosOrderDraft' | 'markPickupReady' | 'markPickupCollected'> = {
  createPickupOrder: (_root, { input }, ctx) => createStoreOrder(ctx, input, 'PICKUP'),
  createPosOrderDraft: (_root, { input }, ctx) => createStoreOrder(ctx, input, 'DRAFT'),
  async markPickupReady(_root, { posOrderId, idempotencyKey }, ctx) {
    const key = checkKey(idempotencyKey);
    const { order, pickup } = await pickupOrder(ctx, posOrderId);
    if (pickup.state === 'PREPARED' || pickup.state === 'COMPLETED') return order;
    if (pickup.state === 'CANCELED' || pickup.state === 'FAILED' || order.state !== 'OPEN') {
      throw codedError(ErrorCode.CONFLICT, `Pickup of POS order ${posOrderId} is ${pickup.state} (order ${order.state})`, { system: SYSTEM, field: 'posOrderId' });
    }
    return moveTo(ctx, order, pickup, 'PREPARED', key);
  },
  async markPickupCollected(_root, { posOrderId, idempotencyKey }, ctx) {
    const key = checkKey(idempotencyKey);
    const { order, pickup } = await pickupOrder(ctx, posOrderId);
    if (pickup.state === 'COMPLETED') return order;
    if (pickup.state === 'CANCELED' || pickup.state === 'FAILED' || order.state !== 'OPEN') {
      throw codedError(ErrorCode.CONFLICT, `Pickup of POS order ${posOrderId} is ${pickup.state} (order ${order.state})`, { system: SYSTEM, field: 'posOrderId' });
    }
    return moveTo(ctx, order, pickup, 'COMPLETED', key);
  },
};

export const StorePickupQueue: Pick<StoreResolvers, 'pickupQueue'> = {
  async pickupQueue(store, { states, first }, ctx) {
    const limit = Math.min(Math.max(first ?? 50, 1), 200);
    const orders = await ctx.connector.pickupOrdersAt(store.id, states && states.length > 0 ? states : OPEN_PICKUP_STATES, limit);
    for (const o of orders) ctx.loaders.orderById.prime(o.id, o);
    return orders;
  },
};

export const PosOrderPickup = {
  referenceId: (o: SquareOrder) => o.reference_id ?? null,
  pickup: (o: SquareOrder) => pickupOf(o) ?? null,
};

export const PosPickup: PosPickupResolvers = {
  recipientName: (f) => f.pickup_details?.recipient?.display_name ?? null,
  placedAt: (f) => f.pickup_details?.placed_at ?? null,
  readyAt: (f) => f.pickup_details?.prepared_at ?? null,
  pickedUpAt: (f) => f.pickup_details?.completed_at ?? null,
};
