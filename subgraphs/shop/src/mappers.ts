/**
 * Upstream DTOs: Shopify Admin REST 2024-04 objects as the API returns them (vendor-apis.md §1.2),
 * trimmed to the fields this subgraph reads. Ids are JSON numbers (int64 on Shopify's side,
 * within 2^53 in practice); GraphQL exposes them as strings. Money is a decimal string and is
 * passed through unchanged. Types named `<GraphQLType>Model` are codegen mappers (codegen.ts).
 */
export interface ShopifyAddress {
  id: number;
  address1: string | null;
  address2?: string | null;
  city: string | null;
  province?: string | null;
  zip: string | null;
  country_code: string | null;
  phone: string | null;
  default?: boolean;
}

export interface ShopifyMarketingConsent {
  state: string;
  opt_in_level: string | null;
  consent_updated_at: string | null;
}

export interface ShopifyCustomer {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  state: string;
  tags: string;
  currency: string;
  orders_count: number;
  total_spent: string;
  created_at: string;
  updated_at: string;
  email_marketing_consent: ShopifyMarketingConsent | null;
  sms_marketing_consent: ShopifyMarketingConsent | null;
  default_address: ShopifyAddress | null;
  addresses: ShopifyAddress[];
}

export interface ShopifyLineItem {
  id: number;
  variant_id: number | null;
  product_id: number | null;
  sku: string | null;
  title: string;
  variant_title: string | null;
  quantity: number;
  price: string;
}

export interface ShopifyOrder {
  id: number;
  name: string;
  created_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  financial_status: string | null;
  fulfillment_status: string | null;
  currency: string;
  total_price: string;
  subtotal_price: string;
  customer: { id: number } | null;
  line_items: ShopifyLineItem[];
}

export interface ShopifyVariant {
  id: number;
  product_id: number;
  title: string;
  sku: string | null;
  price: string;
  compare_at_price: string | null;
  inventory_item_id: number;
  /** `shopify` when Shopify tracks stock; null when the variant's stock is not tracked. */
  inventory_management: string | null;
}

export interface ShopifyProduct {
  id: number;
  title: string;
  variants: ShopifyVariant[];
}

export interface ShopifyInventoryLevel {
  inventory_item_id: number;
  location_id: number;
  available: number | null;
}

export interface ShopifyLocation {
  id: number;
  name: string;
  active: boolean;
  /** The location's own contact values and place (the identity feed serves them as the retailer's own). */
  phone?: string | null;
  address1?: string | null;
  city?: string | null;
  zip?: string | null;
  country_code?: string | null;
  created_at?: string;
}

/** Shopify's `shop.json`: the shop's own name and contact values (what staff type for a customer who gives none). */
export interface ShopifyShop {
  id: number;
  name: string;
  email?: string | null;
  /** The address customers see as the sender of the shop's emails. */
  customer_email?: string | null;
  phone?: string | null;
  domain?: string | null;
  country_code?: string | null;
  created_at?: string;
}

/** Shopify's error envelope: `errors` is a string, an array or a field → messages map. */
export interface ShopifyErrorBody {
  errors?: string | string[] | Record<string, string | string[]>;
}

export type ShopCustomerModel = ShopifyCustomer;
export type ShopOrderModel = ShopifyOrder;
export type ShopAddressModel = ShopifyAddress;
export type ShopMarketingConsentModel = ShopifyMarketingConsent;

export interface ShopConsentModel {
  email: ShopifyMarketingConsent | null;
  sms: ShopifyMarketingConsent | null;
}

/** A line item carries no currency of its own: it is the order's. */
export interface ShopLineItemModel {
  item: ShopifyLineItem;
  currency: string;
}

/**
 * A Product as this subgraph holds it: the SKU key, plus the variant (and its product) once
 * loaded. `variant: null` means the shop does not sell the SKU.
 */
export interface ProductModel {
  sku: string;
  variant?: ShopifyVariant | null;
  product?: ShopifyProduct | null;
}

export interface OnlineOfferModel {
  variant: ShopifyVariant;
}

/** A Customer representation from the gateway: the hub's id and, through @requires, its links. */
export interface CustomerModel {
  id: string;
  links?: readonly { system: string; externalId: string }[];
}

/** Shopify's DraftOrder (REST `draft_orders.json`), the record a web cart is kept in. */
export interface ShopifyDraftOrder {
  id: number;
  name: string;
  status: 'open' | 'invoice_sent' | 'completed';
  customer: { id: number } | null;
  note: string | null;
  /** Comma-separated, as Shopify REST gives them. */
  tags: string;
  note_attributes: { name: string; value: string }[];
  line_items: { variant_id: number | null; sku: string | null; title: string; quantity: number; price: string }[];
  order_id: number | null;
  created_at: string;
  updated_at: string;
}

/**
 * A web cart as the product sees it, read from a draft order (connector/carts.ts): the status is
 * the draft's (`completed` → CONVERTED) or the product's tag on it (HANDED_OFF, ABANDONED).
 */
export interface ShopifyCart {
  id: string;
  customer_id: number | null;
  lines: { sku: string; variant_id: number; title: string; quantity: number; price: string }[];
  status: 'OPEN' | 'CONVERTED' | 'HANDED_OFF' | 'ABANDONED';
  note: string | null;
  merged_into: string | null;
  order_id: number | null;
  created_at: string;
  updated_at: string;
}
export type ShopCartModel = ShopifyCart;
export interface ShopCartLineModel {
  line: ShopifyCart['lines'][number];
  currency: string;
}
export interface ShopCartResumeLinkModel {
  token: string;
  expires_at: string;
  cart: ShopifyCart;
}
