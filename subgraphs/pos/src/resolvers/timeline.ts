import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { CustomerResolvers, OrderFulfillmentState, TimelineEvent } from '../generated/resolvers.ts';
import type { CustomerModel, SquareOrder } from '../mappers.ts';
import { toMoney } from '../money.ts';

/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);

/** Square order states in the words web orders and store sales share: a completed sale was handed over at the till. */
const fulfillmentState = (order: SquareOrder): OrderFulfillmentState =>
  order.state === 'COMPLETED' ? 'FULFILLED' : order.state === 'CANCELED' ? 'CANCELLED' : 'PENDING';

/**
 * The stores' part of `Customer.journey`: every sale of every linked POS record in every store.
 * A page of customers costs one locations read and one order search per 10 customers (Square's cap).
 */
export async function posTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  const lists = await ctx.loaders.ordersByCustomerId.loadMany(ids);
  const failed = lists.find((l): l is Error => l instanceof Error);
  if (failed) throw failed;
  const orders = (lists as SquareOrder[][]).flat();
  return orders
    .map((o): TimelineEvent => {
      const amount = o.total_money ? toMoney(o.total_money) : null;
      return {
        id: `${SYSTEM}:store_sale:${o.id}`,
        channel: 'STORE',
        kind: 'STORE_SALE',
        occurredAt: o.created_at,
        summary: `Store sale${amount ? `: ${amount.amount} ${amount.currencyCode}` : ''}${o.state === 'CANCELED' ? ' (voided)' : ''}`,
        system: SYSTEM,
        subject: { typename: 'PosOrder', id: o.id },
        amount,
        storeId: o.location_id,
        open: null,
        fulfillmentState: fulfillmentState(o),
      };
    })
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
    .slice(0, MAX_EVENTS);
}

export const CustomerTimeline: Pick<CustomerResolvers, 'posTimeline'> = {
  posTimeline: (customer, _args, ctx) => posTimeline(customer, ctx),
};
