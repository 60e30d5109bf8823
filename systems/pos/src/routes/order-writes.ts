import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WebhookEmitter } from '../../../lib/webhooks.ts';
import type { Order, PosStore } from '../store.ts';
import { idempotencyKeyOf, notFound, RequestError, sendErrors } from '../square.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

const ORDER_STATES = new Set(['DRAFT', 'OPEN', 'COMPLETED', 'CANCELED']);
const FULFILLMENT_STATES = new Set(['PROPOSED', 'RESERVED', 'PREPARED', 'COMPLETED', 'CANCELED', 'FAILED']);

/**
 * Square order writes and webhook subscriptions (vendor-apis.md §2):
 *   POST /v2/orders              CreateOrder {idempotency_key, order: {location_id, reference_id, state, customer_id?, line_items: [{catalog_object_id, quantity}], fulfillments?: [{type: PICKUP, state, pickup_details}]}}
 *   PUT  /v2/orders/{order_id}   UpdateOrder {idempotency_key, order: {version, state?, fulfillments?: [{uid, state}]}}
 *   POST /v2/webhooks/subscriptions {idempotency_key, subscription: {name, event_types, notification_url}} → {subscription: {id, signature_key}}
 * A reused idempotency key with the same request returns the first answer; with another request,
 * 400 IDEMPOTENCY_KEY_REUSED (square.ts). A fulfillment state change emits a signed
 * `order.fulfillment.updated` webhook.
 */
export function orderWriteRoutes(app: FastifyInstance, store: PosStore, webhooks: WebhookEmitter): void {
  const ledger = store.idempotency;
  const money = (amount: number, currency: string) => ({ amount, currency });

  // CreateOrder for pickup orders and drafts. Installed as a hook so it composes with the store
  // sales' CreateOrder route (routes/sales.ts): orders with fulfillments or state DRAFT are
  // answered here, every other CreateOrder goes on to that route.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || req.url.split('?')[0] !== '/v2/orders') return;
    const input = obj(obj(req.body).order);
    if (!(Array.isArray(input.fulfillments) && input.fulfillments.length > 0) && input.state !== 'DRAFT') return;
    try {
      const result = await createOrder(req.body as Json | undefined, reply);
      return result === reply ? reply : reply.send(result);
    } catch (error) {
      if (error instanceof RequestError) return sendErrors(reply, 400, { category: 'INVALID_REQUEST_ERROR', code: error.code, detail: error.detail, ...(error.field ? { field: error.field } : {}) });
      throw error;
    }
  });

  const createOrder = async (rawBody: Json | undefined, reply: import('fastify').FastifyReply): Promise<unknown> => {
    const body = obj(rawBody);
    const key = idempotencyKeyOf(body);
    const known = ledger.replay('CreateOrder', key, body);
    if (known) return known;
    const input = obj(body.order);
    const location = store.locationById.get(String(input.location_id ?? ''));
    if (!location) return sendErrors(reply, 404, notFound(`Location \`${String(input.location_id)}\` not found.`, 'order.location_id'));
    const state = String(input.state ?? 'OPEN');
    if (!ORDER_STATES.has(state) || state === 'COMPLETED') throw new RequestError('INVALID_ENUM_VALUE', 'order.state must be DRAFT or OPEN', 'order.state');
    const currency = String(location.currency ?? 'USD');
    const lines = Array.isArray(input.line_items) ? input.line_items.map(obj) : [];
    if (lines.length === 0) throw new RequestError('VALUE_EMPTY', 'An order needs line items', 'order.line_items');
    const lineItems = lines.map((line, i) => {
      const variation = store.catalogById.get(String(line.catalog_object_id ?? ''));
      if (!variation || variation.type !== 'ITEM_VARIATION') throw new RequestError('NOT_FOUND', `Catalog object \`${String(line.catalog_object_id)}\` not found.`, `order.line_items[${i}].catalog_object_id`);
      const item = store.catalogById.get(variation.item_variation_data?.item_id ?? '');
      const overrides = (variation.item_variation_data?.location_overrides as { location_id: string; price_money?: { amount: number } }[] | undefined) ?? [];
      const base = overrides.find((o) => o.location_id === location.id)?.price_money?.amount ?? (variation.item_variation_data?.price_money as { amount?: number } | undefined)?.amount ?? 0;
      const quantity = String(line.quantity ?? '1');
      const total = base * Number(quantity);
      return {
        uid: randomUUID(),
        catalog_object_id: variation.id,
        name: item?.item_data?.name ?? variation.item_variation_data?.name,
        variation_name: variation.item_variation_data?.name,
        quantity,
        item_type: 'ITEM',
        base_price_money: money(base, currency),
        total_money: money(total, currency),
      };
    });
    const total = lineItems.reduce((sum, l) => sum + l.total_money.amount, 0);
    const now = new Date().toISOString();
    const fulfillments = (Array.isArray(input.fulfillments) ? input.fulfillments.map(obj) : []).map((f) => ({
      uid: randomUUID(),
      type: String(f.type ?? 'PICKUP'),
      state: FULFILLMENT_STATES.has(String(f.state)) ? String(f.state) : 'PROPOSED',
      pickup_details: { ...obj(f.pickup_details), placed_at: now },
    }));
    const order: Order = {
      id: randomBytes(20).toString('base64url').slice(0, 27),
      location_id: location.id,
      reference_id: typeof input.reference_id === 'string' ? input.reference_id : undefined,
      customer_id: typeof input.customer_id === 'string' ? input.customer_id : null,
      source: { name: String(obj(input.source).name ?? 'Omnigraph') },
      state,
      version: 1,
      line_items: lineItems,
      fulfillments,
      total_money: money(total, currency),
      total_tax_money: money(0, currency),
      total_discount_money: money(0, currency),
      created_at: now,
      updated_at: now,
    };
    store.orders.push(order);
    store.orderById.set(order.id, order);
    const answer = ledger.remember('CreateOrder', key, body, { order });
    webhooks.emit('order.created', { merchant_id: String(location.merchant_id ?? ''), type: 'order.created', created_at: now, data: { type: 'order_created', id: order.id, object: { order_created: { order_id: order.id, location_id: order.location_id, state: order.state, version: order.version, created_at: now } } } });
    return answer;
  };

  app.put<{ Params: { order_id: string }; Body: Json | undefined }>('/v2/orders/:order_id', async (req, reply) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body);
    const request = { order_id: req.params.order_id, ...body };
    const known = ledger.replay('UpdateOrder', key, request);
    if (known) return known;
    const order = store.orderById.get(req.params.order_id);
    if (!order) return sendErrors(reply, 404, notFound(`Order with ID \`${req.params.order_id}\` not found.`, 'order_id'));
    const input = obj(body.order);
    if (input.version !== undefined && Number(input.version) !== order.version) {
      return sendErrors(reply, 400, { category: 'INVALID_REQUEST_ERROR', code: 'VERSION_MISMATCH', detail: `Order version ${String(input.version)} does not match ${String(order.version)}.`, field: 'order.version' });
    }
    if (order.state === 'COMPLETED' || order.state === 'CANCELED') throw new RequestError('BAD_REQUEST', `Order is ${order.state} and cannot be updated.`, 'order.state');
    const now = new Date().toISOString();
    const changed: { uid: string; old_state: string; new_state: string }[] = [];
    const current = (order.fulfillments as { uid: string; state: string; [k: string]: unknown }[] | undefined) ?? [];
    for (const f of Array.isArray(input.fulfillments) ? input.fulfillments.map(obj) : []) {
      const target = current.find((c) => c.uid === f.uid);
      if (!target) throw new RequestError('NOT_FOUND', `Fulfillment \`${String(f.uid)}\` not found.`, 'order.fulfillments.uid');
      const next = String(f.state);
      if (!FULFILLMENT_STATES.has(next)) throw new RequestError('INVALID_ENUM_VALUE', 'Invalid fulfillment state', 'order.fulfillments.state');
      if (target.state !== next) {
        changed.push({ uid: target.uid, old_state: target.state, new_state: next });
        target.state = next;
        target.pickup_details = { ...obj(target.pickup_details), [`${next.toLowerCase()}_at`]: now };
      }
    }
    if (input.state !== undefined) {
      const next = String(input.state);
      if (!ORDER_STATES.has(next)) throw new RequestError('INVALID_ENUM_VALUE', 'Invalid order state', 'order.state');
      order.state = next;
      if (next === 'COMPLETED') order.closed_at = now;
    }
    order.version = Number(order.version ?? 1) + 1;
    order.updated_at = now;
    const answer = ledger.remember('UpdateOrder', key, request, { order });
    const location = store.locationById.get(order.location_id);
    webhooks.emit('order.updated', { merchant_id: String(location?.merchant_id ?? ''), type: 'order.updated', created_at: now, data: { type: 'order_updated', id: order.id, object: { order_updated: { order_id: order.id, location_id: order.location_id, state: order.state, version: order.version, created_at: order.created_at, updated_at: now } } } });
    for (const change of changed) {
      webhooks.emit('order.fulfillment.updated', {
        merchant_id: String(location?.merchant_id ?? ''),
        type: 'order.fulfillment.updated',
        created_at: now,
        data: {
          type: 'order_fulfillment_updated',
          id: order.id,
          object: {
            order_fulfillment_updated: {
              order_id: order.id,
              location_id: order.location_id,
              state: order.state,
              version: order.version,
              created_at: order.created_at,
              updated_at: now,
              fulfillment_update: [{ fulfillment_uid: change.uid, old_state: change.old_state, new_state: change.new_state }],
            },
          },
        },
      });
    }
    return answer;
  });

  app.post<{ Body: Json | undefined }>('/v2/webhooks/subscriptions', async (req) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body);
    const known = ledger.replay('CreateWebhookSubscription', key, body);
    if (known) return known;
    const input = obj(body.subscription);
    const url = String(input.notification_url ?? '');
    if (!/^https?:\/\//.test(url)) throw new RequestError('INVALID_URL', 'notification_url must be an http(s) URL', 'subscription.notification_url');
    const types = Array.isArray(input.event_types) ? input.event_types.map(String) : [];
    const signatureKey = randomBytes(16).toString('base64url');
    const subs = types.map((topic) => webhooks.subscribe({ topic, address: url, signatureKey }));
    const answer = { subscription: { id: `wbhk_${randomBytes(12).toString('hex')}`, name: input.name ?? null, enabled: true, event_types: types, notification_url: url, api_version: '2025-08-20', signature_key: subs[0]?.signatureKey ?? signatureKey } };
    return ledger.remember('CreateWebhookSubscription', key, body, answer);
  });
}
