import type { FastifyReply } from 'fastify';
import type { OrderRecord } from '../store.ts';

export const notFound = (reply: FastifyReply) => reply.code(404).send({ errors: 'Not Found' });

/**
 * Shopify's `status` filter on orders. The default is `open` (neither closed nor cancelled),
 * so a client that wants a customer's history must ask for `status=any`. Returns null for
 * an unknown status.
 */
export function filterOrdersByStatus(orders: OrderRecord[], status: string | undefined): OrderRecord[] | null {
  switch (status ?? 'open') {
    case 'open':
      return orders.filter((o) => !o.closed_at && !o.cancelled_at);
    case 'closed':
      return orders.filter((o) => Boolean(o.closed_at));
    case 'cancelled':
      return orders.filter((o) => Boolean(o.cancelled_at));
    case 'any':
      return orders;
    default:
      return null;
  }
}
