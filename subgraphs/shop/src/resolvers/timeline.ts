import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { CustomerResolvers, OrderFulfillmentState, TimelineEvent } from '../generated/resolvers.ts';
import type { CustomerModel, ShopifyOrder } from '../mappers.ts';

/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);

/** Shopify's fulfilment and cancellation, in the words web orders and store sales share. */
function fulfillmentState(order: ShopifyOrder): OrderFulfillmentState {
  if (order.cancelled_at) return 'CANCELLED';
  switch (order.fulfillment_status) {
    case 'fulfilled':
      return 'FULFILLED';
    case 'partial':
      return 'PARTIAL';
    case 'restocked':
      return 'RETURNED';
    default:
      return 'PENDING';
  }
}

/**
 * The web shop's part of `Customer.journey`: every order of every linked shop account, any
 * status. A page of customers costs one GraphQL `orders(query: "customer_id:…")` search per 50 accounts and one `orders.json?ids=` read per 250 orders.
 */
export async function shopTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  const lists = await ctx.loaders.ordersByCustomerId.loadMany(ids);
  const failed = lists.find((l): l is Error => l instanceof Error);
  if (failed) throw failed;
  const orders = (lists as ShopifyOrder[][]).flat();
  return orders
    .map(
      (o): TimelineEvent => ({
        id: `${SYSTEM}:web_order:${o.id}`,
        channel: 'WEB',
        kind: 'WEB_ORDER',
        occurredAt: o.created_at,
        summary: `Web order ${o.name}: ${o.total_price} ${o.currency}${o.cancelled_at ? ' (cancelled)' : ''}`,
        system: SYSTEM,
        subject: { typename: 'ShopOrder', id: String(o.id) },
        amount: { amount: o.total_price, currencyCode: o.currency },
        storeId: null,
        open: null,
        fulfillmentState: fulfillmentState(o),
      }),
    )
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
    .slice(0, MAX_EVENTS);
}

export const CustomerTimeline: Pick<CustomerResolvers, 'shopTimeline'> = {
  shopTimeline: (customer, _args, ctx) => shopTimeline(customer, ctx),
};
