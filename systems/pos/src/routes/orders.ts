import type { FastifyInstance } from 'fastify';
import type { Order, PosStore } from '../store.ts';
import { decodeCursor, idList, limitOf, notFound, page, RequestError, sendErrors } from '../square.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

const sortFields = { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', CLOSED_AT: 'closed_at' } as const;

/**
 * Orders by customer id, for searches with a customer filter (the identity feed asks one per 10
 * walk-ins): a scan of every order per search is quadratic at a million customers. Orders are
 * only ever appended (order-writes.ts, sales.ts) and keep their customer, so the index catches
 * up with the list's new tail on each use.
 */
function customerIndex(store: PosStore): (customerIds: ReadonlySet<string>) => Order[] {
  const byCustomer = new Map<string, Order[]>();
  let indexed = 0;
  return (customerIds) => {
    for (; indexed < store.orders.length; indexed++) {
      const order = store.orders[indexed]!;
      if (order.customer_id == null) continue;
      const list = byCustomer.get(order.customer_id);
      if (list) list.push(order);
      else byCustomer.set(order.customer_id, [order]);
    }
    return [...customerIds].flatMap((id) => byCustomer.get(id) ?? []);
  };
}

export function orderRoutes(app: FastifyInstance, store: PosStore): void {
  const ordersOfCustomers = customerIndex(store);
  app.post<{ Body: Json | undefined }>('/v2/orders/search', async (req) => {
    const body = obj(req.body);
    // Square's hard caps: the reason a connector must chunk customers by 10.
    const locationIds = idList(body.location_ids, 'location_ids', { min: 1, max: 10, required: true });
    const query = obj(body.query);
    const filter = obj(query.filter);
    const customerIds = idList(obj(filter.customer_filter).customer_ids, 'query.filter.customer_filter.customer_ids', { max: 10 });
    const states = idList(obj(filter.state_filter).states, 'query.filter.state_filter.states', { max: 10 });
    const fulfillmentTypes = new Set(idList(obj(filter.fulfillment_filter).fulfillment_types, 'query.filter.fulfillment_filter.fulfillment_types', { max: 10 }));
    const fulfillmentStates = new Set(idList(obj(filter.fulfillment_filter).fulfillment_states, 'query.filter.fulfillment_filter.fulfillment_states', { max: 10 }));
    const fulfillmentMatch = (o: Order) => {
      if (fulfillmentTypes.size === 0 && fulfillmentStates.size === 0) return true;
      const fulfillments = (o.fulfillments as { type?: string; state?: string }[] | undefined) ?? [];
      return fulfillments.some((f) => (fulfillmentTypes.size === 0 || fulfillmentTypes.has(String(f.type))) && (fulfillmentStates.size === 0 || fulfillmentStates.has(String(f.state))));
    };
    const sort = obj(query.sort);
    const sortField = sort.sort_field ?? 'CREATED_AT';
    if (!(typeof sortField === 'string' && sortField in sortFields)) {
      throw new RequestError('INVALID_ENUM_VALUE', 'Expected `sort_field` to be one of CREATED_AT, UPDATED_AT, CLOSED_AT.', 'query.sort.sort_field');
    }
    const key = sortFields[sortField as keyof typeof sortFields];
    const limit = limitOf(body.limit, 'limit', { min: 1, max: 1000, fallback: 500 });

    const locations = new Set(locationIds);
    const customers = new Set(customerIds);
    const wanted = new Set(states);
    const candidates = customers.size === 0 ? store.orders : ordersOfCustomers(customers);
    const matches = candidates.filter(
      (o) =>
        locations.has(o.location_id) &&
        (wanted.size === 0 || wanted.has(o.state)) &&
        fulfillmentMatch(o) &&
        (key !== 'closed_at' || o.closed_at !== undefined),
    );
    const at = (o: Order) => String(o[key] ?? '');
    matches.sort((a, b) => at(a).localeCompare(at(b)) || a.id.localeCompare(b.id));
    // Square's default order is newest first.
    if (sort.sort_order !== 'ASC') matches.reverse();

    const fingerprint = `orders:${JSON.stringify([locationIds, query])}`;
    const { items, cursor } = page(matches, decodeCursor(body.cursor, fingerprint), limit, fingerprint);
    if (body.return_entries === true) {
      return { order_entries: items.map((o) => ({ order_id: o.id, location_id: o.location_id, version: o.version })), ...(cursor ? { cursor } : {}) };
    }
    return { orders: items, ...(cursor ? { cursor } : {}) };
  });

  app.post<{ Body: Json | undefined }>('/v2/orders/batch-retrieve', async (req) => {
    const body = obj(req.body);
    const ids = idList(body.order_ids, 'order_ids', { min: 1, max: 100, required: true });
    const location = typeof body.location_id === 'string' ? body.location_id : undefined;
    // Unknown ids are silently omitted, as Square does.
    const orders = [...new Set(ids)]
      .map((id) => store.orderById.get(id))
      .filter((o): o is Order => o !== undefined && (location === undefined || o.location_id === location));
    return { orders: shuffle(orders) };
  });

  app.get<{ Params: { order_id: string } }>('/v2/orders/:order_id', async (req, reply) => {
    const order = store.orderById.get(req.params.order_id);
    if (!order) return sendErrors(reply, 404, notFound(`Order with ID \`${req.params.order_id}\` not found.`, 'order_id'));
    return { order };
  });
}
