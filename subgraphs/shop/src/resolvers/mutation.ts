import { codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { signResumeToken } from '../resume-token.ts';
import { assertShopId, cartOrFail, checkKey, knownSkus, validLines } from './shop-cart.ts';

/**
 * Cart and checkout writes. Shopify has no idempotency keys: creates and line changes carry the
 * caller's key (prefixed by the operation, so one key cannot collide across mutations) as a tag on
 * the draft order, and the other writes are safe to repeat by their nature (connector/carts.ts).
 * Input is checked before anything is written, so a rejected call changes nothing.
 */
export const Mutation: MutationResolvers = {
  async createCart(_root, { customerId, lines, idempotencyKey }, ctx) {
    const key = checkKey(idempotencyKey);
    validLines(lines);
    if (customerId != null) {
      assertShopId(customerId, 'customerId');
      if (!(await ctx.loaders.customerById.load(customerId))) throw codedError(ErrorCode.CUSTOMER_NOT_FOUND, `No web shop customer ${customerId}`, { system: SYSTEM, field: 'customerId' });
    }
    const draftLines = await knownSkus(ctx, lines);
    return ctx.connector.createCart({ customerId: customerId ?? null, lines: draftLines }, `createCart:${key}`);
  },
  async addCartLines(_root, { cartId, lines, idempotencyKey }, ctx) {
    const key = checkKey(idempotencyKey);
    validLines(lines);
    await cartOrFail(ctx, cartId, 'cartId');
    const draftLines = await knownSkus(ctx, lines);
    return ctx.connector.addCartLines(cartId, draftLines, `addCartLines:${cartId}:${key}`);
  },
  async mergeCarts(_root, { guestCartId, customerCartId, idempotencyKey }, ctx) {
    const key = checkKey(idempotencyKey);
    if (guestCartId === customerCartId) throw codedError(ErrorCode.BAD_USER_INPUT, 'guestCartId and customerCartId are the same cart', { field: 'guestCartId' });
    const [guest, target] = await Promise.all([cartOrFail(ctx, guestCartId, 'guestCartId', false), cartOrFail(ctx, customerCartId, 'customerCartId')]);
    // Merged before (a retry under another key): the guest cart is closed into this cart; nothing to add twice.
    if (guest.merged_into === target.id) return target;
    if (guest.status !== 'OPEN') throw codedError(ErrorCode.CONFLICT, `Cart ${guestCartId} is ${guest.status}, not OPEN`, { system: SYSTEM, field: 'guestCartId' });
    if (guest.customer_id !== null && guest.customer_id !== target.customer_id) throw codedError(ErrorCode.BAD_USER_INPUT, 'guestCartId belongs to another customer', { field: 'guestCartId' });
    return ctx.connector.mergeCarts(customerCartId, guestCartId, `mergeCarts:${guestCartId}:${customerCartId}:${key}`);
  },
  async handoffCartToDevice(_root, { cartId, ttlSeconds, idempotencyKey }, ctx) {
    checkKey(idempotencyKey); // checked, though this write is safe to repeat without it
    const ttl = ttlSeconds ?? 86_400;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 30 * 86_400) throw codedError(ErrorCode.BAD_USER_INPUT, 'ttlSeconds must be 1-2592000', { field: 'ttlSeconds' });
    const cart = await cartOrFail(ctx, cartId, 'cartId');
    // Signed here, nothing written to Shopify: a retry just signs another valid token for the same cart.
    const expiresAt = new Date(Date.now() + ttl * 1000);
    return { token: signResumeToken(ctx.resumeSecret, cart.id, expiresAt), expires_at: expiresAt.toISOString(), cart };
  },
  async placeOrder(_root, { cartId, pickupStoreId, idempotencyKey }, ctx) {
    checkKey(idempotencyKey); // checked, though this write is safe to repeat without it
    const cart = await ctx.loaders.cartById.load(cartId);
    if (!cart) throw codedError(ErrorCode.NOT_FOUND, `No web cart ${cartId}`, { system: SYSTEM, field: 'cartId' });
    // A retry after success: the cart already became this order.
    if (cart.status === 'CONVERTED' && cart.order_id !== null) {
      const order = await ctx.loaders.orderById.load(String(cart.order_id));
      if (order) return order;
    }
    if (cart.status !== 'OPEN') throw codedError(ErrorCode.CONFLICT, `Cart ${cartId} is ${cart.status}, not OPEN`, { system: SYSTEM, field: 'cartId' });
    if (cart.lines.length === 0) throw codedError(ErrorCode.BAD_USER_INPUT, 'The cart is empty', { field: 'cartId' });
    if (pickupStoreId != null && !/^[0-9A-Z]{4,32}$/.test(pickupStoreId)) throw codedError(ErrorCode.BAD_USER_INPUT, 'pickupStoreId must be a Square location id', { field: 'pickupStoreId' });
    // Completing a draft order happens once by its nature (a completed draft names its order).
    const order = await ctx.connector.createOrderFromCart(cartId, pickupStoreId ?? null);
    // Write-through: the buyer's order list is stale now (the orders/create webhook would say so too, later).
    if (order.customer?.id != null) await ctx.cache?.del([['orders-by-customer', String(order.customer.id)]]);
    return order;
  },
  async markCartHandedOff(_root, { cartId, note, idempotencyKey }, ctx) {
    checkKey(idempotencyKey); // checked, though this write is safe to repeat without it
    const cart = await cartOrFail(ctx, cartId, 'cartId', false);
    if (cart.status === 'HANDED_OFF' && cart.note === note) return cart;
    if (cart.status !== 'OPEN') throw codedError(ErrorCode.CONFLICT, `Cart ${cartId} is ${cart.status}, not OPEN`, { system: SYSTEM, field: 'cartId' });
    return ctx.connector.setCartStatus(cartId, 'HANDED_OFF', note);
  },
  async fulfilShopOrder(_root, { orderId, idempotencyKey }, ctx) {
    checkKey(idempotencyKey); // checked, though this write is safe to repeat without it
    assertShopId(orderId, 'orderId');
    const order = await ctx.loaders.orderById.load(orderId);
    if (!order) throw codedError(ErrorCode.NOT_FOUND, `No web order ${orderId}`, { system: SYSTEM, field: 'orderId' });
    // Only open fulfillment orders are fulfilled: a repeat finds nothing left to do.
    if (order.fulfillment_status !== 'fulfilled') await ctx.connector.fulfilOrder(orderId);
    ctx.loaders.orderById.clear(orderId);
    if (order.customer?.id != null) await ctx.cache?.del([['orders-by-customer', String(order.customer.id)]]);
    return (await ctx.loaders.orderById.load(orderId)) ?? order;
  },
};
