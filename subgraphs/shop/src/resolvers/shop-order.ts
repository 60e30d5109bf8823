import { SYSTEM } from '../connector/index.ts';
import type { ShopLineItemResolvers, ShopOrderResolvers } from '../generated/resolvers.ts';
import { financialStatus, fulfillmentStatus, money } from './vendor-values.ts';

/** Orders placed through a cart carry `note_attributes` cart_id and, for pickup, pickup_store_id. */
const noteAttribute = (o: object, name: string): string | null =>
  ((o as { note_attributes?: { name: string; value: string }[] }).note_attributes ?? []).find((a) => a.name === name)?.value ?? null;

export const ShopOrder: ShopOrderResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.orderById.load(id),
  id: (o) => String(o.id),
  name: (o) => o.name,
  createdAt: (o) => o.created_at,
  closedAt: (o) => o.closed_at,
  cancelledAt: (o) => o.cancelled_at,
  financialStatus: (o) => (o.financial_status === null ? null : financialStatus(o.financial_status)),
  fulfillmentStatus: (o) => fulfillmentStatus(o.fulfillment_status),
  total: (o) => money(o.total_price, o.currency),
  subtotal: (o) => money(o.subtotal_price, o.currency),
  lineItems: (o) => o.line_items.map((item) => ({ item, currency: o.currency })),
  shopCustomer: (o, _args, { loaders }) => (o.customer ? loaders.customerById.load(String(o.customer.id)) : null),
  pickupStoreId: (o) => noteAttribute(o, 'pickup_store_id'),
  cartId: (o) => noteAttribute(o, 'cart_id'),
  identity: (o) => (o.customer ? { system: SYSTEM, externalId: String(o.customer.id) } : null),
};

export const ShopLineItem: ShopLineItemResolvers = {
  sku: ({ item }) => (item.sku ? item.sku : null),
  title: ({ item }) => item.title,
  variantTitle: ({ item }) => item.variant_title,
  quantity: ({ item }) => item.quantity,
  price: ({ item, currency }) => money(item.price, currency),
  // Shopify sends "" for items without a SKU (gift cards, custom items).
  product: ({ item }) => (item.sku ? { sku: item.sku } : null),
};
