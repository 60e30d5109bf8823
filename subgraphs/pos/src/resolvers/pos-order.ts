import type { PosLineItemResolvers, PosTenderResolvers, PosOrderResolvers } from '../generated/resolvers.ts';
import { toMoney } from '../money.ts';
import { identityRef } from './customer.ts';

export const PosOrder: PosOrderResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.orderById.load(ref.id),
  createdAt: (o) => o.created_at,
  closedAt: (o) => o.closed_at ?? null,
  async total(o, _args, { loaders }) {
    if (o.total_money) return toMoney(o.total_money);
    // Square always sends total_money; an order without one is an empty sale in the store's currency.
    const store = await loaders.locationById.load(o.location_id);
    return { amount: toMoney({ amount: 0, currency: store?.currency ?? 'XXX' }).amount, currencyCode: store?.currency ?? 'XXX' };
  },
  lineItems: (o) => o.line_items ?? [],
  store: (o, _args, { loaders }) => loaders.locationById.load(o.location_id),
  identity: (o) => (o.customer_id ? identityRef(o.customer_id) : null),
  tenders: (o) => o.tenders ?? [],
};

export const PosTender: PosTenderResolvers = {
  type: (t) => t.type,
  amount: (t) => toMoney(t.amount_money ?? { amount: 0, currency: 'XXX' }),
  cashTendered: (t) => (t.cash_details?.buyer_tendered_money ? toMoney(t.cash_details.buyer_tendered_money) : null),
  changeBack: (t) => (t.cash_details?.change_back_money ? toMoney(t.cash_details.change_back_money) : null),
  paymentId: (t) => t.payment_id ?? t.id ?? null,
};

export const PosLineItem: PosLineItemResolvers = {
  // Square line items carry the variation id, not the SKU: one catalog batch-retrieve for all of them.
  async sku(line, _args, { loaders }) {
    if (!line.catalog_object_id) return null;
    return (await loaders.variationById.load(line.catalog_object_id))?.variation.item_variation_data?.sku ?? null;
  },
  name: (line) => line.name ?? line.variation_name ?? '',
  price: (line) => (line.base_price_money ? toMoney(line.base_price_money) : null),
  total: (line) => (line.total_money ? toMoney(line.total_money) : null),
  async product(line, _args, { loaders }) {
    if (!line.catalog_object_id) return null;
    const catalog = await loaders.variationById.load(line.catalog_object_id);
    const sku = catalog?.variation.item_variation_data?.sku;
    return sku ? { sku, catalog } : null;
  },
};
