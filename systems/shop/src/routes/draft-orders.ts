import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebhookEmitter } from '../../../lib/webhooks.ts';
import { idList, page, type Query } from '../paging.ts';
import type { OrderRecord, ShopStore } from '../store.ts';
import { notFound } from './shared.ts';

/**
 * Draft orders (Shopify Admin REST `draft_orders.json`), the web carts of this product: created with
 * line items and a customer, edited with PUT (Shopify replaces `line_items`, `tags`, `note_attributes`
 * wholesale), completed into an order with `PUT draft_orders/{id}/complete.json`. Fulfilment goes
 * through fulfillment orders (`orders/{id}/fulfillment_orders.json`, `POST fulfillments.json`), as
 * on Shopify since 2023-01. Like Shopify, no write here honours an `Idempotency-Key` header.
 */
export interface DraftLineItem {
  id: number;
  variant_id: number | null;
  product_id: number | null;
  sku: string | null;
  title: string;
  variant_title: string | null;
  name: string;
  quantity: number;
  price: string;
  custom: boolean;
  requires_shipping: boolean;
  taxable: boolean;
  admin_graphql_api_id: string;
}

export interface DraftOrderRecord {
  id: number;
  name: string;
  status: 'open' | 'invoice_sent' | 'completed';
  customer: Record<string, unknown> | null;
  email: string | null;
  note: string | null;
  tags: string;
  note_attributes: { name: string; value: string }[];
  line_items: DraftLineItem[];
  shipping_line: { title: string; price: string; custom: boolean; handle: string | null } | null;
  currency: string;
  subtotal_price: string;
  total_price: string;
  total_tax: string;
  taxes_included: boolean;
  order_id: number | null;
  invoice_url: string;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  admin_graphql_api_id: string;
  [field: string]: unknown;
}

interface DraftInput {
  line_items?: { variant_id?: unknown; quantity?: unknown; title?: unknown; price?: unknown }[];
  customer?: { id?: unknown } | null;
  note?: unknown;
  tags?: unknown;
  note_attributes?: { name?: unknown; value?: unknown }[];
  shipping_line?: { title?: unknown; price?: unknown } | null;
  email?: unknown;
}

type Draftable = { drafts: Map<number, DraftOrderRecord> };

/** Shopify's tags: a comma-separated string, trimmed, de-duplicated, each at most 40 characters. */
export const tagList = (tags: string) => tags.split(',').map((t) => t.trim()).filter(Boolean);

export function draftOrderRoutes(app: FastifyInstance, store: ShopStore, webhooks: WebhookEmitter): Draftable {
  const drafts = new Map<number, DraftOrderRecord>();
  let nextDraftId = 1_069_920_470;
  let nextLineId = 1_066_630_380;
  let nextDraftNumber = 1;
  // A loop, not Math.max(...ids): spreading 100k+ orders into arguments overflows the stack.
  let nextOrderId = store.orders.reduce((max, o) => (o.id > max ? o.id : max), 0) + 1;
  let nextOrderNumber = 1001 + store.orders.length;
  const variants = new Map(store.products.flatMap((p) => p.variants.map((v) => [v.id, v] as const)));

  const invalid = (reply: FastifyReply, field: string, message: string) => reply.code(422).send({ errors: { [field]: [message] } });

  /** Applies the fields a create or update names; returns an error [field, message] or null. */
  const apply = (draft: DraftOrderRecord, input: DraftInput, creating: boolean): [string, string] | null => {
    if (input.line_items !== undefined || creating) {
      const items = input.line_items ?? [];
      if (!Array.isArray(items) || items.length === 0) return ['line_items', 'must have at least one line item'];
      const lines: DraftLineItem[] = [];
      for (const item of items) {
        const quantity = Number(item.quantity);
        if (!Number.isInteger(quantity) || quantity < 1) return ['line_items', 'quantity must be greater than or equal to 1'];
        if (item.variant_id !== undefined && item.variant_id !== null) {
          const variant = variants.get(Number(item.variant_id));
          if (!variant) return ['line_items', `variant ${String(item.variant_id)} is invalid`];
          const title = String(variant.title ?? variant.sku ?? '');
          const id = nextLineId++;
          lines.push({ id, variant_id: variant.id, product_id: variant.product_id, sku: variant.sku, title, variant_title: title, name: title, quantity, price: String(variant.price ?? '0.00'), custom: false, requires_shipping: true, taxable: true, admin_graphql_api_id: `gid://shopify/DraftOrderLineItem/${id}` });
        } else {
          if (typeof item.title !== 'string' || item.title === '' || item.price === undefined) return ['line_items', 'custom items need a title and a price'];
          const id = nextLineId++;
          lines.push({ id, variant_id: null, product_id: null, sku: null, title: item.title, variant_title: null, name: item.title, quantity, price: Number(item.price).toFixed(2), custom: true, requires_shipping: true, taxable: true, admin_graphql_api_id: `gid://shopify/DraftOrderLineItem/${id}` });
        }
      }
      draft.line_items = lines;
    }
    if (input.customer !== undefined) {
      if (input.customer === null) draft.customer = null;
      else {
        const customer = store.customerById.get(Number(input.customer.id));
        if (!customer) return ['customer', 'is invalid'];
        draft.customer = { id: customer.id, email: customer.email, first_name: customer.first_name, last_name: customer.last_name, phone: customer.phone, admin_graphql_api_id: `gid://shopify/Customer/${customer.id}` };
        draft.email = customer.email;
        draft.currency = String(customer.currency ?? draft.currency);
      }
    }
    if (input.note !== undefined) draft.note = input.note === null ? null : String(input.note);
    if (input.email !== undefined) draft.email = input.email === null ? null : String(input.email);
    if (input.tags !== undefined) {
      const tags = [...new Set(tagList(String(input.tags ?? '')))];
      if (tags.some((t) => t.length > 40)) return ['tags', 'is too long (maximum is 40 characters per tag)'];
      if (tags.length > 250) return ['tags', 'cannot have more than 250 tags'];
      draft.tags = tags.join(', ');
    }
    if (input.note_attributes !== undefined) {
      if (!Array.isArray(input.note_attributes)) return ['note_attributes', 'is invalid'];
      draft.note_attributes = input.note_attributes.map((a) => ({ name: String(a.name ?? ''), value: String(a.value ?? '') }));
    }
    if (input.shipping_line !== undefined) {
      draft.shipping_line = input.shipping_line === null ? null : { title: String(input.shipping_line.title ?? 'Shipping'), price: Number(input.shipping_line.price ?? 0).toFixed(2), custom: true, handle: null };
    }
    const cents = draft.line_items.reduce((sum, l) => sum + Math.round(Number(l.price) * 100) * l.quantity, 0) + Math.round(Number(draft.shipping_line?.price ?? 0) * 100);
    draft.subtotal_price = (cents / 100).toFixed(2);
    draft.total_price = draft.subtotal_price;
    draft.updated_at = new Date().toISOString();
    return null;
  };

  app.post<{ Body: { draft_order?: DraftInput } }>('/draft_orders.json', async (req, reply) => {
    const input = req.body?.draft_order;
    if (!input || typeof input !== 'object') return invalid(reply, 'draft_order', "can't be blank");
    const now = new Date().toISOString();
    const id = nextDraftId++;
    const draft: DraftOrderRecord = {
      id,
      name: `#D${nextDraftNumber++}`,
      status: 'open',
      customer: null,
      email: null,
      note: null,
      tags: '',
      note_attributes: [],
      line_items: [],
      shipping_line: null,
      currency: 'THB',
      subtotal_price: '0.00',
      total_price: '0.00',
      total_tax: '0.00',
      taxes_included: false,
      order_id: null,
      invoice_url: `https://omni-store.example/${id}/invoices/${Buffer.from(String(id)).toString('hex')}`,
      completed_at: null,
      created_at: now,
      updated_at: now,
      admin_graphql_api_id: `gid://shopify/DraftOrder/${id}`,
    };
    const error = apply(draft, input, true);
    if (error) return invalid(reply, ...error);
    drafts.set(id, draft);
    return reply.code(201).send({ draft_order: draft });
  });

  app.get<{ Querystring: Query }>('/draft_orders.json', async (req, reply) => {
    const status = req.query.status;
    if (status !== undefined && !['open', 'invoice_sent', 'completed'].includes(status)) return invalid(reply, 'status', 'is not included in the list');
    const items = page(req, reply, 'draft_orders', (filters) => {
      const ids = idList(filters.ids);
      const wanted = ids ? new Set(ids) : null;
      return [...drafts.values()].filter((d) => (!wanted || wanted.has(d.id)) && (!filters.status || d.status === filters.status));
    });
    if (!items) return reply;
    return { draft_orders: items };
  });

  app.get<{ Params: { id: string } }>('/draft_orders/:id.json', async (req, reply) => {
    const draft = drafts.get(Number(req.params.id));
    return draft ? { draft_order: draft } : notFound(reply);
  });

  app.put<{ Params: { id: string }; Body: { draft_order?: DraftInput } }>('/draft_orders/:id.json', async (req, reply) => {
    const draft = drafts.get(Number(req.params.id));
    if (!draft) return notFound(reply);
    if (draft.status === 'completed') return invalid(reply, 'base', 'This draft order has been completed and can no longer be edited');
    const input = req.body?.draft_order;
    if (!input || typeof input !== 'object') return invalid(reply, 'draft_order', "can't be blank");
    // Validate on a copy: a refused update changes nothing.
    const copy = structuredClone(draft);
    const error = apply(copy, input, false);
    if (error) return invalid(reply, ...error);
    Object.assign(draft, copy);
    return { draft_order: draft };
  });

  app.put<{ Params: { id: string }; Querystring: { payment_pending?: string } }>('/draft_orders/:id/complete.json', async (req, reply) => {
    const draft = drafts.get(Number(req.params.id));
    if (!draft) return notFound(reply);
    if (draft.status === 'completed') return invalid(reply, 'base', 'This order has already been completed');
    if (draft.line_items.length === 0) return invalid(reply, 'line_items', 'must have at least one line item');
    const now = new Date().toISOString();
    const id = nextOrderId++;
    const number = nextOrderNumber++;
    const pending = req.query.payment_pending === 'true';
    const order: OrderRecord = {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      name: `#${number}`,
      number: number - 1000,
      order_number: number,
      email: draft.email,
      phone: (draft.customer?.phone as string | null | undefined) ?? null,
      created_at: now,
      updated_at: now,
      processed_at: now,
      closed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      currency: draft.currency,
      presentment_currency: draft.currency,
      financial_status: pending ? 'pending' : 'paid',
      fulfillment_status: null,
      source_name: 'shopify_draft_order',
      total_price: draft.total_price,
      subtotal_price: draft.subtotal_price,
      total_tax: draft.total_tax,
      total_discounts: '0.00',
      tags: draft.tags,
      note: draft.note,
      customer: (draft.customer as { id: number } | null) ?? null,
      line_items: draft.line_items.map((l, i) => ({ id: id * 100 + i, variant_id: l.variant_id, product_id: l.product_id, sku: l.sku, name: l.name, title: l.title, quantity: l.quantity, price: l.price, fulfillment_status: null })),
      shipping_lines: draft.shipping_line ? [{ id: id * 100 + 99, code: draft.shipping_line.title, title: draft.shipping_line.title, source: 'shopify', price: draft.shipping_line.price }] : [],
      note_attributes: draft.note_attributes,
      fulfillments: [],
    };
    store.orders.push(order);
    store.orderById.set(id, order);
    draft.status = 'completed';
    draft.order_id = id;
    draft.completed_at = now;
    draft.updated_at = now;
    webhooks.emit('orders/create', order);
    return { draft_order: draft };
  });

  /** One fulfillment order per order, closed once the order is fulfilled. */
  const fulfillmentOrderOf = (order: OrderRecord) => ({
    id: order.id * 10 + 2,
    order_id: order.id,
    status: order.fulfillment_status === 'fulfilled' ? 'closed' : 'open',
    request_status: 'unsubmitted',
    supported_actions: order.fulfillment_status === 'fulfilled' ? [] : ['create_fulfillment'],
    line_items: ((order.line_items as { id: number; variant_id: number; quantity: number }[]) ?? []).map((l) => ({ id: l.id * 10, fulfillment_order_id: order.id * 10 + 2, line_item_id: l.id, variant_id: l.variant_id, quantity: l.quantity, fulfillable_quantity: order.fulfillment_status === 'fulfilled' ? 0 : l.quantity })),
    created_at: order.created_at,
    updated_at: order.updated_at,
  });

  app.get<{ Params: { id: string } }>('/orders/:id/fulfillment_orders.json', async (req, reply) => {
    const order = store.orderById.get(Number(req.params.id));
    return order ? { fulfillment_orders: [fulfillmentOrderOf(order)] } : notFound(reply);
  });

  app.post<{ Body: { fulfillment?: { line_items_by_fulfillment_order?: { fulfillment_order_id?: unknown }[]; notify_customer?: boolean } } }>('/fulfillments.json', async (req, reply) => {
    const groups = req.body?.fulfillment?.line_items_by_fulfillment_order;
    if (!Array.isArray(groups) || groups.length === 0) return invalid(reply, 'line_items_by_fulfillment_order', "can't be blank");
    const ids = groups.map((g) => Number(g.fulfillment_order_id));
    const orders = ids.map((id) => (Number.isInteger(id) && id % 10 === 2 ? store.orderById.get((id - 2) / 10) : undefined));
    if (orders.some((o) => !o)) return notFound(reply);
    if (orders.some((o) => o!.fulfillment_status === 'fulfilled')) return reply.code(422).send({ errors: ['Fulfillment order is closed: it cannot be fulfilled again'] });
    const now = new Date().toISOString();
    let fulfillment: unknown;
    for (const order of orders as OrderRecord[]) {
      fulfillment = { id: order.id * 10 + 1, order_id: order.id, status: 'success', created_at: now, updated_at: now, line_items: order.line_items };
      order.fulfillments = [...((order.fulfillments as unknown[]) ?? []), fulfillment];
      order.fulfillment_status = 'fulfilled';
      order.closed_at = now;
      order.updated_at = now;
      webhooks.emit('orders/fulfilled', order);
    }
    return reply.code(201).send({ fulfillment });
  });

  app.post<{ Params: { version: string }; Body: { webhook?: { topic?: string; address?: string } } }>('/webhooks.json', async (req, reply) => {
    const topic = req.body?.webhook?.topic;
    const address = req.body?.webhook?.address;
    if (!topic || !address) return invalid(reply, 'webhook', 'topic and address are required');
    const sub = webhooks.subscribe({ topic, address });
    return reply.code(201).send({ webhook: { id: sub.id, topic, address, format: 'json', api_version: req.params.version } });
  });

  return { drafts };
}
