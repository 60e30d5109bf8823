import type { FastifyInstance } from 'fastify';
import { idList, page, type Query } from '../paging.ts';
import type { ShopStore } from '../store.ts';
import { filterOrdersByStatus, notFound } from './shared.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Req = { Querystring: Query; Params: { id: string } };

export function orderRoutes(app: FastifyInstance, store: ShopStore): void {
  /**
   * `orders.json`: `ids`, `status` (default `open`), `financial_status`, `since_id`, paging. Shopify
   * REST has no customer filter: a customer's orders are found through the GraphQL Admin API
   * (`orders(query: "customer_id:1 OR customer_id:2")`, systems/shop/src/graphql.ts).
   */
  app.get<Req>('/orders.json', async (req, reply) => {
    const status = req.query.page_info === undefined ? req.query.status : undefined;
    if (status !== undefined && filterOrdersByStatus([], status) === null) {
      return reply.code(400).send({ errors: { status: ['is not included in the list'] } });
    }
    const batch = req.query.ids !== undefined;
    const items = page(req, reply, 'orders', (filters) => {
      let orders = store.orders;
      const ids = idList(filters.ids);
      if (ids) {
        const wanted = new Set(ids);
        orders = orders.filter((o) => wanted.has(o.id));
      }
      if (filters.financial_status && filters.financial_status !== 'any') {
        orders = orders.filter((o) => o.financial_status === filters.financial_status);
      }
      return filterOrdersByStatus(orders, filters.status) ?? [];
    });
    if (!items) return reply;
    return { orders: batch ? shuffle(items) : items };
  });

  app.get<Req>('/orders/:id.json', async (req, reply) => {
    const order = store.orderById.get(Number(req.params.id));
    if (!order) return notFound(reply);
    return { order };
  });
}
