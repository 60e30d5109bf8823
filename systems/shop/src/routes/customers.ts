import type { FastifyInstance } from 'fastify';
import { idList, page, type Query } from '../paging.ts';
import type { CustomerRecord, ShopStore } from '../store.ts';
import { filterOrdersByStatus, notFound } from './shared.ts';
import { shuffle } from '../../../lib/shuffle.ts';
import type { WebhookEmitter } from '../../../lib/webhooks.ts';

type Req = { Querystring: Query; Params: { id: string } };

const digits = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '');

/**
 * `customers/search.json?query=`: Shopify's search syntax, `field:value` terms (AND) and bare
 * words. email matches case-insensitively; phone matches on digits, so `+66 81…` and `+6681…` agree.
 */
function matches(customer: CustomerRecord, query: string): boolean {
  const terms = query.match(/(\w+:"[^"]*"|\S+)/g) ?? [];
  return terms.every((term) => {
    const colon = term.indexOf(':');
    const field = colon > 0 ? term.slice(0, colon).toLowerCase() : null;
    const value = (colon > 0 ? term.slice(colon + 1) : term).replace(/^"|"$/g, '').toLowerCase();
    switch (field) {
      case 'email':
        return (customer.email ?? '').toLowerCase() === value;
      case 'phone':
        return digits(value) !== '' && digits(customer.phone) === digits(value);
      case 'first_name':
        return (customer.first_name ?? '').toLowerCase() === value;
      case 'last_name':
        return (customer.last_name ?? '').toLowerCase() === value;
      case 'id':
        return String(customer.id) === value;
      case null:
        return [customer.email, customer.first_name, customer.last_name, customer.phone].some((text) => (text ?? '').toLowerCase().includes(value));
      default:
        return false;
    }
  });
}

/** Shopify's `created_at_min/max`, `updated_at_min/max` list filters (inclusive); an unreadable date is a 400. */
const TIME_FILTERS = [
  ['created_at_min', 'created_at', 1],
  ['created_at_max', 'created_at', -1],
  ['updated_at_min', 'updated_at', 1],
  ['updated_at_max', 'updated_at', -1],
] as const;

function timeFilters(filters: Query): ((c: CustomerRecord) => boolean)[] | string {
  const tests: ((c: CustomerRecord) => boolean)[] = [];
  for (const [param, field, sign] of TIME_FILTERS) {
    const raw = filters[param];
    if (raw === undefined) continue;
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return param;
    tests.push((c) => {
      const value = Date.parse(String(c[field] ?? ''));
      return !Number.isNaN(value) && (sign === 1 ? value >= at : value <= at);
    });
  }
  return tests;
}

interface CustomerInput {
  first_name?: unknown;
  last_name?: unknown;
  email?: unknown;
  phone?: unknown;
  addresses?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function customerRoutes(app: FastifyInstance, store: ShopStore, webhooks?: WebhookEmitter): void {
  app.get<Req>('/customers.json', async (req, reply) => {
    const batch = req.query.ids !== undefined;
    let badDate: string | null = null;
    const items = page(req, reply, 'customers', (filters) => {
      const ids = idList(filters.ids);
      const times = timeFilters(filters);
      if (typeof times === 'string') {
        badDate = times;
        return [];
      }
      const wanted = ids ? new Set(ids) : null;
      if (!wanted && times.length === 0) return store.customers;
      return store.customers.filter((c) => (!wanted || wanted.has(c.id)) && times.every((t) => t(c)));
    });
    if (badDate) return reply.code(400).send({ errors: { [badDate]: ['is not a valid date'] } });
    if (!items) return reply;
    return { customers: batch ? shuffle(items) : items };
  });

  // `POST customers.json`: Shopify refuses an email or phone another customer has (422), stamps
  // created_at/updated_at and fires `customers/create` with the customer as the body.
  // Like Shopify, no `Idempotency-Key`: a retried create is refused by the unique email or phone.
  app.post<{ Body: { customer?: CustomerInput } | null }>('/customers.json', async (req, reply) => {
    const input = req.body?.customer;
    const answer = (status: number, body: unknown) => reply.code(status).send(body);
    if (!input || typeof input !== 'object') return answer(400, { errors: { customer: 'Required parameter missing or invalid' } });
    const email = text(input.email)?.toLowerCase() ?? null;
    const phone = text(input.phone);
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return answer(422, { errors: { email: ['is invalid'] } });
    if (!email && !phone && !text(input.first_name) && !text(input.last_name)) {
      return answer(422, { errors: { customer: ['must have a name, email or phone'] } });
    }
    if (email && store.customers.some((c) => (c.email ?? '').toLowerCase() === email)) return answer(422, { errors: { email: ['has already been taken'] } });
    if (phone && store.customers.some((c) => digits(c.phone) !== '' && digits(c.phone) === digits(phone))) return answer(422, { errors: { phone: ['has already been taken'] } });
    const now = new Date().toISOString();
    const id = store.customers.reduce((max, c) => Math.max(max, c.id), 0) + 1;
    const addresses = (Array.isArray(input.addresses) ? input.addresses : []).filter((a): a is Record<string, unknown> => !!a && typeof a === 'object');
    const customer: CustomerRecord = {
      id,
      email,
      phone,
      first_name: text(input.first_name),
      last_name: text(input.last_name),
      created_at: now,
      updated_at: now,
      orders_count: 0,
      state: 'enabled',
      total_spent: '0.00',
      verified_email: false,
      tags: '',
      currency: 'THB',
      addresses: addresses.map((a, i) => ({ id: id * 10 + i, customer_id: id, ...a, default: i === 0 })),
      default_address: addresses[0] ? ({ id: id * 10, customer_id: id, ...addresses[0], default: true } as CustomerRecord['default_address']) : null,
      admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    };
    store.customers.push(customer);
    store.customerById.set(id, customer);
    webhooks?.emit('customers/create', customer);
    return answer(201, { customer });
  });

  app.get<Req>('/customers/count.json', async (req) => {
    const times = timeFilters(req.query);
    const tests = typeof times === 'string' ? [] : times;
    return { count: store.customers.filter((c) => tests.every((t) => t(c))).length };
  });

  app.get<Req>('/customers/search.json', async (req, reply) => {
    const items = page(req, reply, 'customers/search', (filters) => store.customers.filter((c) => matches(c, filters.query ?? '')));
    if (!items) return reply;
    return { customers: items };
  });

  app.get<Req>('/customers/:id.json', async (req, reply) => {
    const customer = store.customerById.get(Number(req.params.id));
    if (!customer) return notFound(reply);
    return { customer };
  });

  app.get<Req>('/customers/:id/orders.json', async (req, reply) => {
    const customerId = Number(req.params.id);
    if (!store.customerById.has(customerId)) return notFound(reply);
    const orders = filterOrdersByStatus(
      store.orders.filter((o) => o.customer?.id === customerId),
      req.query.status,
    );
    if (!orders) return reply.code(400).send({ errors: { status: ['is not included in the list'] } });
    return { orders: orders.reverse() };
  });
}
