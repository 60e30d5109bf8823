import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { CatalogObject, InventoryCount, Money, Order, PosStore } from '../store.ts';
import { idempotencyKeyOf, notFound, RequestError, sendErrors } from '../square.ts';
import type { WebhookEmitter } from '../../../lib/webhooks.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** Square order ids: 27 URL-safe characters. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function orderId(): string {
  let out = '';
  for (let i = 0; i < 27; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return out;
}

/** The variation's price at a location: its override there, else the catalog price (Square's pricing rule). */
function priceAt(variation: CatalogObject, locationId: string, currency: string): Money {
  const data = variation.item_variation_data as { price_money?: Money; location_overrides?: { location_id: string; price_money?: Money }[] } | undefined;
  const override = data?.location_overrides?.find((o) => o.location_id === locationId)?.price_money;
  const price = override ?? data?.price_money;
  return price && price.currency === currency ? price : { amount: 0, currency };
}

/**
 * The Square writes of a till sale: `POST /v2/orders` (CreateOrder of a plain sale; pickup
 * orders and drafts are answered by routes/order-writes.ts's hook before this handler),
 * `POST /v2/orders/{id}/pay` (PayOrder) and `POST /v2/inventory/changes/batch-create`
 * (BatchChangeInventory). Each honours
 * Square's `idempotency_key` (square.ts IdempotencyLedger): the same key and request answer the first
 * response again and change nothing; the same key with another request is 400 IDEMPOTENCY_KEY_REUSED.
 * Like Square, inventory may go negative: checking stock before selling is the caller's job.
 */
/** Square's `order.created` / `order.updated` body (the order's id, state and version; no customer). */
function orderEvent(store: PosStore, type: 'order.created' | 'order.updated', order: Order) {
  const name = type === 'order.created' ? 'order_created' : 'order_updated';
  const merchantId = String(store.locationById.get(order.location_id)?.merchant_id ?? '');
  const at = order.updated_at ?? order.created_at;
  return { merchant_id: merchantId, type, created_at: at, data: { type: name, id: order.id, object: { [name]: { order_id: order.id, location_id: order.location_id, state: order.state, version: order.version, created_at: order.created_at, updated_at: at } } } };
}

/** Writes emit Square's webhooks: `order.created`, `order.updated` (paid), `inventory.count.updated`. */
export function saleRoutes(app: FastifyInstance, store: PosStore, webhooks?: WebhookEmitter): void {
  const ledger = store.idempotency;

  app.post<{ Body: Json | undefined }>('/v2/orders', async (req, reply) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body);
    const known = ledger.replay('CreateOrder', key, body);
    if (known) return known;
    const order = obj(body.order);
    const locationId = order.location_id;
    if (typeof locationId !== 'string') throw new RequestError('MISSING_REQUIRED_PARAMETER', 'Field must be set: `order.location_id`.', 'order.location_id');
    const location = store.locationById.get(locationId);
    if (!location) return sendErrors(reply, 404, notFound(`Location with ID \`${locationId}\` not found.`, 'order.location_id'));
    const currency = String(location.currency ?? 'USD');
    const customerId = order.customer_id;
    if (customerId !== undefined && customerId !== null && (typeof customerId !== 'string' || !store.customerById.has(customerId))) {
      return sendErrors(reply, 404, notFound(`Customer with ID \`${String(customerId)}\` not found.`, 'order.customer_id'));
    }
    const lines = Array.isArray(order.line_items) ? order.line_items.map(obj) : [];
    if (lines.length === 0) throw new RequestError('MISSING_REQUIRED_PARAMETER', 'An order needs at least one line item.', 'order.line_items');
    const lineItems = lines.map((line, i) => {
      const quantity = String(line.quantity ?? '');
      if (!/^\d+(\.\d{1,5})?$/.test(quantity) || Number(quantity) <= 0) throw new RequestError('INVALID_VALUE', `\`order.line_items[${i}].quantity\` must be a positive decimal.`, `order.line_items[${i}].quantity`);
      const variation = store.catalogById.get(String(line.catalog_object_id ?? ''));
      if (!variation || variation.type !== 'ITEM_VARIATION') {
        throw new RequestError('NOT_FOUND', `Catalog object \`${String(line.catalog_object_id)}\` not found.`, `order.line_items[${i}].catalog_object_id`);
      }
      const item = store.catalogById.get(variation.item_variation_data?.item_id ?? '');
      const base = priceAt(variation, locationId, currency);
      const total = { amount: Math.round(base.amount * Number(quantity)), currency };
      return {
        uid: randomUUID(),
        name: item?.item_data?.name ?? variation.item_variation_data?.name ?? '',
        quantity,
        catalog_object_id: variation.id,
        variation_name: variation.item_variation_data?.name ?? null,
        base_price_money: base,
        total_money: total,
      };
    });
    const now = new Date().toISOString();
    const total = lineItems.reduce((sum, l) => sum + l.total_money.amount, 0);
    const result: Order = {
      id: orderId(),
      location_id: locationId,
      ...(typeof customerId === 'string' ? { customer_id: customerId } : {}),
      ...(typeof order.reference_id === 'string' ? { reference_id: order.reference_id } : {}),
      source: { name: typeof obj(order.source).name === 'string' ? obj(order.source).name : 'Point of Sale' },
      state: 'OPEN',
      version: 1,
      line_items: lineItems,
      total_money: { amount: total, currency },
      total_tax_money: { amount: 0, currency },
      total_discount_money: { amount: 0, currency },
      created_at: now,
      updated_at: now,
    };
    store.orders.push(result);
    store.orderById.set(result.id, result);
    webhooks?.emit('order.created', orderEvent(store, 'order.created', result));
    return ledger.remember('CreateOrder', key, body, { order: result });
  });

  /**
   * PayOrder, as Square documents it: the `payment_ids` must be APPROVED payments (CreatePayment
   * with `autocomplete: false`) made for this order, and their total must equal the order's; an
   * empty list settles only an order whose total is 0. The payments become COMPLETED and the
   * order COMPLETED with one tender per payment.
   */
  app.post<{ Params: { order_id: string }; Body: Json | undefined }>('/v2/orders/:order_id/pay', async (req, reply) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body);
    const request = { order_id: req.params.order_id, ...body };
    const known = ledger.replay('PayOrder', key, request);
    if (known) return known;
    const order = store.orderById.get(req.params.order_id);
    if (!order) return sendErrors(reply, 404, notFound(`Order with ID \`${req.params.order_id}\` not found.`, 'order_id'));
    if (order.state !== 'OPEN') {
      return sendErrors(reply, 400, { category: 'INVALID_REQUEST_ERROR', code: 'BAD_REQUEST', detail: `Order in state ${order.state} cannot be paid.`, field: 'order_id' });
    }
    const ids = body.payment_ids === undefined ? [] : body.payment_ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new RequestError('EXPECTED_ARRAY', 'Expected `payment_ids` to be an array of strings.', 'payment_ids');
    const orderTotal = obj(order.total_money) as unknown as Money;
    if (ids.length === 0 && orderTotal.amount !== 0) {
      throw new RequestError('INVALID_VALUE', 'Only an order with a total of 0 can be paid without payments: `payment_ids` must not be empty.', 'payment_ids');
    }
    const payments = [...new Set(ids as string[])].map((id, i) => {
      const payment = store.paymentById.get(id);
      if (!payment) throw new RequestError('NOT_FOUND', `Payment \`${id}\` not found.`, `payment_ids[${i}]`);
      if (payment.order_id !== order.id) throw new RequestError('INVALID_VALUE', `Payment \`${id}\` was not made for order \`${order.id}\`.`, `payment_ids[${i}]`);
      if (payment.status !== 'APPROVED') throw new RequestError('BAD_REQUEST', `Payment \`${id}\` is ${payment.status}; PayOrder takes APPROVED (delayed capture) payments.`, `payment_ids[${i}]`);
      return payment;
    });
    const paidTotal = payments.reduce((sum, p) => sum + p.amount_money.amount, 0);
    if (payments.length > 0 && (paidTotal !== orderTotal.amount || payments.some((p) => p.amount_money.currency !== orderTotal.currency))) {
      throw new RequestError('INVALID_VALUE', `The payments total ${paidTotal} but the order totals ${orderTotal.amount} ${orderTotal.currency}.`, 'payment_ids');
    }
    const now = new Date().toISOString();
    // Approved payments of this order left out of payment_ids are canceled, as Square does.
    for (const p of store.payments) if (p.order_id === order.id && p.status === 'APPROVED' && !payments.includes(p)) Object.assign(p, { status: 'CANCELED', updated_at: now });
    for (const p of payments) Object.assign(p, { status: 'COMPLETED', updated_at: now });
    order.tenders = payments.map((p) => ({
      id: p.id,
      location_id: p.location_id,
      transaction_id: order.id,
      created_at: p.created_at,
      amount_money: p.amount_money,
      ...(p.customer_id ? { customer_id: p.customer_id } : {}),
      payment_id: p.id,
      ...(p.source_type === 'CASH'
        ? { type: 'CASH', cash_details: { buyer_tendered_money: obj(p.cash_details).buyer_supplied_money, change_back_money: obj(p.cash_details).change_back_money } }
        : { type: 'OTHER' }),
    }));
    order.state = 'COMPLETED';
    order.updated_at = now;
    order.closed_at = now;
    order.version = Number(order.version ?? 1) + 1;
    webhooks?.emit('order.updated', orderEvent(store, 'order.updated', order));
    return ledger.remember('PayOrder', key, request, { order });
  });

  const batchChangeInventory = async (req: FastifyRequest<{ Body: Json | undefined }>) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body, 128);
    const known = ledger.replay('BatchChangeInventory', key, body);
    if (known) return known;
    const list = Array.isArray(body.changes) ? body.changes.map(obj) : [];
    if (list.length === 0 || list.length > 100) throw new RequestError('INVALID_VALUE', '`changes` must hold 1 to 100 changes.', 'changes');
    // Validate every change before applying any: a batch is all or nothing.
    const adjustments = list.map((change, i) => {
      if (change.type !== 'ADJUSTMENT') throw new RequestError('BAD_REQUEST', 'This stand-in supports ADJUSTMENT changes only.', `changes[${i}].type`);
      const a = obj(change.adjustment);
      const quantity = Number(a.quantity);
      if (!(quantity > 0)) throw new RequestError('INVALID_VALUE', '`quantity` must be positive.', `changes[${i}].adjustment.quantity`);
      const objectId = String(a.catalog_object_id ?? '');
      // `location_id` up to Square-Version 2025-x; later versions (SDK 46: 2026-09-16) send from_/to_location_id.
      const locationId = String(a.location_id ?? a.from_location_id ?? a.to_location_id ?? '');
      if (!store.catalogById.has(objectId)) throw new RequestError('NOT_FOUND', `Catalog object \`${objectId}\` not found.`, `changes[${i}].adjustment.catalog_object_id`);
      if (!store.locationById.has(locationId)) throw new RequestError('NOT_FOUND', `Location \`${locationId}\` not found.`, `changes[${i}].adjustment.location_id`);
      return { objectId, locationId, from: String(a.from_state ?? ''), to: String(a.to_state ?? ''), quantity };
    });
    const now = new Date().toISOString();
    const touched: InventoryCount[] = [];
    const countOf = (objectId: string, locationId: string, state: string) => {
      let count = store.counts.find((c) => c.catalog_object_id === objectId && c.location_id === locationId && c.state === state);
      if (!count) {
        count = { catalog_object_id: objectId, catalog_object_type: 'ITEM_VARIATION', location_id: locationId, state, quantity: '0' };
        store.counts.push(count);
      }
      return count;
    };
    for (const a of adjustments) {
      // Only IN_STOCK is kept as a count here; SOLD, WASTE... are where units go, not stock.
      if (a.from === 'IN_STOCK') {
        const c = countOf(a.objectId, a.locationId, 'IN_STOCK');
        c.quantity = String(Number(c.quantity) - a.quantity);
        c.calculated_at = now;
        touched.push(c);
      }
      if (a.to === 'IN_STOCK') {
        const c = countOf(a.objectId, a.locationId, 'IN_STOCK');
        c.quantity = String(Number(c.quantity) + a.quantity);
        c.calculated_at = now;
        touched.push(c);
      }
    }
    const result = ledger.remember('BatchChangeInventory', key, body, { counts: [...new Set(touched)].map((c) => ({ ...c })) });
    if (result.counts.length > 0) {
      const merchantId = String(store.locationById.get(result.counts[0]?.location_id ?? '')?.merchant_id ?? '');
      webhooks?.emit('inventory.count.updated', { merchant_id: merchantId, type: 'inventory.count.updated', created_at: now, data: { type: 'inventory_counts', id: randomUUID(), object: { inventory_counts: result.counts } } });
    }
    return result;
  };
  // BatchChangeInventory at its current path and at the deprecated `/v2/inventory/batch-change`.
  app.post<{ Body: Json | undefined }>('/v2/inventory/changes/batch-create', batchChangeInventory);
  app.post<{ Body: Json | undefined }>('/v2/inventory/batch-change', batchChangeInventory);
}
