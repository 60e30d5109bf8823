import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookEmitter } from '../../../lib/webhooks.ts';
import type { OrderRecord, ShopStore } from '../store.ts';
import { notFound } from './shared.ts';

/**
 * Carts, web checkout and webhook subscriptions.
 *
 * Carts are Shopify's Storefront API (`cartCreate`, `cartLinesAdd`, `cartBuyerIdentityUpdate`,
 * a cart `id` + `checkoutUrl`); Admin REST has no carts. The stand-in renders them as REST under
 * the Admin prefix (STAND-IN EXTENSION), one endpoint per Storefront mutation:
 *   POST carts.json                      cartCreate           {cart: {customer_id?, lines: [{sku, quantity}]}}
 *   GET  carts/{id}.json, carts.json?customer_ids=&status=   cart(id) / customer's carts
 *   POST carts/{id}/lines.json           cartLinesAdd          {lines: [{sku, quantity}]}
 *   POST carts/{id}/merge.json           (sign-in merge)       {source_cart_id}: source lines added, source closed
 *   POST carts/{id}/resume_tokens.json   (a checkoutUrl-like link for another device) {ttl_seconds}
 *   GET  carts/by_resume_token/{token}.json
 *   POST carts/{id}/status.json          {status: HANDED_OFF|ABANDONED, note}
 * Orders: `POST orders.json` {order: {cart_id, pickup_location_id?}} (Admin REST order create;
 * a pickup order carries a "Pickup in store" shipping line and `note_attributes`
 * pickup_store_id), `POST orders/{id}/fulfillments.json`. Webhooks: `POST webhooks.json`.
 * Every write honours an `Idempotency-Key` header: a retried call returns the first answer.
 */
export interface CartLine {
  sku: string;
  variant_id: number;
  title: string;
  quantity: number;
  price: string;
}

export interface CartRecord {
  id: string;
  customer_id: number | null;
  lines: CartLine[];
  status: 'OPEN' | 'CONVERTED' | 'HANDED_OFF' | 'ABANDONED';
  note: string | null;
  merged_into: string | null;
  order_id: number | null;
  created_at: string;
  updated_at: string;
}

type LinesBody = { lines?: { sku?: unknown; quantity?: unknown }[] };

export function cartRoutes(app: FastifyInstance, store: ShopStore, webhooks: WebhookEmitter): void {
  const carts = new Map<string, CartRecord>();
  const tokens = new Map<string, { cartId: string; expiresAt: number }>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  // A loop, not Math.max(...ids): spreading 100k+ orders into arguments overflows the stack.
  let nextOrderId = store.orders.reduce((max, o) => (o.id > max ? o.id : max), 0) + 1;
  let nextOrderNumber = 1001 + store.orders.length;

  const unprocessable = (reply: FastifyReply, field: string, message: string) => reply.code(422).send({ errors: { [field]: [message] } });

  /** Runs a write once per Idempotency-Key and route; a retry gets the first answer. */
  const once = async (req: FastifyRequest, reply: FastifyReply, run: () => { status: number; body: unknown }) => {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const slot = key ? `${req.routeOptions.url}|${JSON.stringify(req.params)}|${key}` : undefined;
    const previous = slot ? idempotent.get(slot) : undefined;
    if (previous) return reply.code(previous.status).send(previous.body);
    const result = run();
    if (slot && result.status < 500) idempotent.set(slot, result);
    return reply.code(result.status).send(result.body);
  };

  const toLines = (body: LinesBody | undefined): CartLine[] | string => {
    const lines: CartLine[] = [];
    for (const line of body?.lines ?? []) {
      const sku = typeof line.sku === 'string' ? line.sku : '';
      const quantity = Number(line.quantity);
      const variant = store.variantsBySku.get(sku)?.[0];
      if (!variant) return `sku ${sku} is not sold online`;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) return `quantity of ${sku} must be 1-999`;
      lines.push({ sku, variant_id: variant.id, title: String(variant.title ?? sku), quantity, price: String(variant.price ?? '0.00') });
    }
    return lines;
  };
  const addLines = (cart: CartRecord, lines: readonly CartLine[]) => {
    for (const line of lines) {
      const existing = cart.lines.find((l) => l.sku === line.sku);
      if (existing) existing.quantity += line.quantity;
      else cart.lines.push({ ...line });
    }
    cart.updated_at = new Date().toISOString();
  };
  const closed = (cart: CartRecord) => cart.status !== 'OPEN';

  app.post<{ Body: { cart?: { customer_id?: unknown } & LinesBody } }>('/carts.json', async (req, reply) =>
    once(req, reply, () => {
      const customerId = req.body?.cart?.customer_id == null ? null : Number(req.body.cart.customer_id);
      if (customerId !== null && !store.customerById.has(customerId)) return { status: 422, body: { errors: { customer_id: ['does not exist'] } } };
      const lines = toLines(req.body?.cart);
      if (typeof lines === 'string') return { status: 422, body: { errors: { lines: [lines] } } };
      const now = new Date().toISOString();
      const cart: CartRecord = { id: `c1-${randomBytes(12).toString('hex')}`, customer_id: customerId, lines: [], status: 'OPEN', note: null, merged_into: null, order_id: null, created_at: now, updated_at: now };
      addLines(cart, lines);
      carts.set(cart.id, cart);
      return { status: 201, body: { cart } };
    }),
  );

  app.get<{ Querystring: { customer_ids?: string; ids?: string; status?: string } }>('/carts.json', async (req) => {
    const customers = req.query.customer_ids ? new Set(req.query.customer_ids.split(',').map(Number)) : null;
    const ids = req.query.ids ? new Set(req.query.ids.split(',')) : null;
    const status = req.query.status ?? 'any';
    const list = [...carts.values()].filter(
      (c) => (!customers || (c.customer_id !== null && customers.has(c.customer_id))) && (!ids || ids.has(c.id)) && (status === 'any' || c.status === status.toUpperCase()),
    );
    return { carts: list };
  });

  app.get<{ Params: { id: string } }>('/carts/:id.json', async (req, reply) => {
    const cart = carts.get(req.params.id);
    return cart ? { cart } : notFound(reply);
  });

  app.post<{ Params: { id: string }; Body: LinesBody }>('/carts/:id/lines.json', async (req, reply) => {
    const cart = carts.get(req.params.id);
    if (!cart) return notFound(reply);
    return once(req, reply, () => {
      if (closed(cart)) return { status: 422, body: { errors: { cart: [`is ${cart.status.toLowerCase()}`] } } };
      const lines = toLines(req.body);
      if (typeof lines === 'string') return { status: 422, body: { errors: { lines: [lines] } } };
      addLines(cart, lines);
      return { status: 200, body: { cart } };
    });
  });

  app.post<{ Params: { id: string }; Body: { source_cart_id?: string } }>('/carts/:id/merge.json', async (req, reply) => {
    const target = carts.get(req.params.id);
    const source = carts.get(String(req.body?.source_cart_id ?? ''));
    if (!target || !source) return notFound(reply);
    return once(req, reply, () => {
      // Already merged into this cart (a retry without the key): nothing to add twice.
      if (source.merged_into === target.id) return { status: 200, body: { cart: target } };
      if (source.id === target.id) return { status: 422, body: { errors: { source_cart_id: ['is the same cart'] } } };
      if (closed(target)) return { status: 422, body: { errors: { cart: [`is ${target.status.toLowerCase()}`] } } };
      if (closed(source)) return { status: 422, body: { errors: { source_cart_id: [`is ${source.status.toLowerCase()}`] } } };
      addLines(target, source.lines);
      source.status = 'ABANDONED';
      source.merged_into = target.id;
      source.note = `merged into ${target.id}`;
      source.updated_at = target.updated_at;
      return { status: 200, body: { cart: target } };
    });
  });

  app.post<{ Params: { id: string }; Body: { ttl_seconds?: number } }>('/carts/:id/resume_tokens.json', async (req, reply) => {
    const cart = carts.get(req.params.id);
    if (!cart) return notFound(reply);
    return once(req, reply, () => {
      if (closed(cart)) return { status: 422, body: { errors: { cart: [`is ${cart.status.toLowerCase()}`] } } };
      const ttl = Math.min(Math.max(Number(req.body?.ttl_seconds ?? 86_400) || 86_400, 1), 30 * 86_400);
      const token = randomBytes(18).toString('base64url');
      const expiresAt = Date.now() + ttl * 1000;
      tokens.set(token, { cartId: cart.id, expiresAt });
      return { status: 201, body: { resume_token: { token, cart_id: cart.id, expires_at: new Date(expiresAt).toISOString() } } };
    });
  });

  app.get<{ Params: { token: string } }>('/carts/by_resume_token/:token.json', async (req, reply) => {
    const entry = tokens.get(req.params.token);
    if (!entry || entry.expiresAt < Date.now()) return notFound(reply);
    const cart = carts.get(entry.cartId);
    return cart ? { cart } : notFound(reply);
  });

  app.post<{ Params: { id: string }; Body: { status?: string; note?: string } }>('/carts/:id/status.json', async (req, reply) => {
    const cart = carts.get(req.params.id);
    if (!cart) return notFound(reply);
    return once(req, reply, () => {
      const status = req.body?.status;
      if (status !== 'HANDED_OFF' && status !== 'ABANDONED') return { status: 422, body: { errors: { status: ['must be HANDED_OFF or ABANDONED'] } } };
      if (cart.status === status && cart.note === (req.body?.note ?? null)) return { status: 200, body: { cart } };
      if (closed(cart)) return { status: 422, body: { errors: { cart: [`is ${cart.status.toLowerCase()}`] } } };
      cart.status = status;
      cart.note = req.body?.note ?? null;
      cart.updated_at = new Date().toISOString();
      return { status: 200, body: { cart } };
    });
  });

  app.post<{ Body: { order?: { cart_id?: string; pickup_location_id?: string | null } } }>('/orders.json', async (req, reply) =>
    once(req, reply, () => {
      const cart = carts.get(String(req.body?.order?.cart_id ?? ''));
      if (!cart) return { status: 422, body: { errors: { cart_id: ['does not exist'] } } };
      if (closed(cart)) return { status: 422, body: { errors: { cart_id: [`cart is ${cart.status.toLowerCase()}`] } } };
      if (cart.lines.length === 0) return { status: 422, body: { errors: { line_items: ['cannot be empty'] } } };
      const pickup = req.body?.order?.pickup_location_id ?? null;
      const customer = cart.customer_id === null ? null : store.customerById.get(cart.customer_id) ?? null;
      const now = new Date().toISOString();
      const id = nextOrderId++;
      const number = nextOrderNumber++;
      const cents = cart.lines.reduce((sum, l) => sum + Math.round(Number(l.price) * 100) * l.quantity, 0);
      const currency = String(customer?.currency ?? 'THB');
      const order: OrderRecord = {
        id,
        admin_graphql_api_id: `gid://shopify/Order/${id}`,
        name: `#${number}`,
        number: number - 1000,
        order_number: number,
        email: customer?.email ?? null,
        phone: customer?.phone ?? null,
        created_at: now,
        updated_at: now,
        processed_at: now,
        closed_at: null,
        cancelled_at: null,
        cancel_reason: null,
        currency,
        presentment_currency: currency,
        financial_status: 'paid',
        fulfillment_status: null,
        source_name: 'web',
        total_price: (cents / 100).toFixed(2),
        subtotal_price: (cents / 100).toFixed(2),
        total_tax: '0.00',
        total_discounts: '0.00',
        customer: customer ? ({ id: customer.id, email: customer.email, first_name: customer.first_name, last_name: customer.last_name, phone: customer.phone } as { id: number }) : null,
        line_items: cart.lines.map((l, i) => ({ id: id * 100 + i, variant_id: l.variant_id, sku: l.sku, name: l.title, title: l.title, quantity: l.quantity, price: l.price, fulfillment_status: null })),
        shipping_lines: pickup ? [{ id: id * 100 + 99, code: 'PICKUP', title: 'Pickup in store', source: 'shopify', price: '0.00', delivery_category: 'pick-up' }] : [],
        note_attributes: [{ name: 'cart_id', value: cart.id }, ...(pickup ? [{ name: 'pickup_store_id', value: pickup }] : [])],
        fulfillments: [],
      };
      store.orders.push(order);
      store.orderById.set(id, order);
      cart.status = 'CONVERTED';
      cart.order_id = id;
      cart.updated_at = now;
      webhooks.emit('orders/create', order);
      return { status: 201, body: { order } };
    }),
  );

  app.post<{ Params: { id: string }; Body: { fulfillment?: { notify_customer?: boolean } } }>('/orders/:id/fulfillments.json', async (req, reply) => {
    const order = store.orderById.get(Number(req.params.id));
    if (!order) return notFound(reply);
    return once(req, reply, () => {
      if (order.fulfillment_status === 'fulfilled') return { status: 422, body: { errors: { order: ['is already fulfilled'] } } };
      const now = new Date().toISOString();
      const fulfillment = { id: order.id * 10 + 1, order_id: order.id, status: 'success', created_at: now, updated_at: now, line_items: order.line_items };
      order.fulfillments = [...((order.fulfillments as unknown[]) ?? []), fulfillment];
      order.fulfillment_status = 'fulfilled';
      order.closed_at = now;
      order.updated_at = now;
      webhooks.emit('orders/fulfilled', order);
      return { status: 201, body: { fulfillment } };
    });
  });

  app.post<{ Body: { webhook?: { topic?: string; address?: string } } }>('/webhooks.json', async (req, reply) => {
    const topic = req.body?.webhook?.topic;
    const address = req.body?.webhook?.address;
    if (!topic || !address) return unprocessable(reply, 'webhook', 'topic and address are required');
    const sub = webhooks.subscribe({ topic, address });
    return reply.code(201).send({ webhook: { id: sub.id, topic, address, format: 'json', api_version: '2024-04' } });
  });
}
