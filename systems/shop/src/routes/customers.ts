import type { FastifyInstance } from 'fastify';
import { idList, page, type Query } from '../paging.ts';
import type { CustomerRecord, ShopStore } from '../store.ts';
import { filterOrdersByStatus, notFound } from './shared.ts';
import { shuffle } from '../../../lib/shuffle.ts';

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

export function customerRoutes(app: FastifyInstance, store: ShopStore): void {
  app.get<Req>('/customers.json', async (req, reply) => {
    const batch = req.query.ids !== undefined;
    const items = page(req, reply, 'customers', (filters) => {
      const ids = idList(filters.ids);
      if (!ids) return store.customers;
      const wanted = new Set(ids);
      return store.customers.filter((c) => wanted.has(c.id));
    });
    if (!items) return reply;
    return { customers: batch ? shuffle(items) : items };
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
