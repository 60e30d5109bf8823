/**
 * Square API v2 DTOs (only the fields this subgraph reads) and the models behind each
 * GraphQL type: an exported `<Type>Model` maps the GraphQL type of that name (codegen.ts convention).
 */

/** Square money: integer minor units + ISO currency. */
export interface SquareMoney {
  amount: number;
  currency: string;
}

export interface SquareAddress {
  address_line_1?: string | null;
  address_line_2?: string | null;
  locality?: string | null;
  administrative_district_level_1?: string | null;
  postal_code?: string | null;
  country?: string | null;
}

export interface SquareCustomer {
  id: string;
  given_name?: string | null;
  family_name?: string | null;
  nickname?: string | null;
  company_name?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
  reference_id?: string | null;
  note?: string | null;
  address?: SquareAddress | null;
  preferences?: { email_unsubscribed?: boolean } | null;
  created_at?: string;
  updated_at?: string;
}

export interface SquareLineItem {
  uid?: string;
  name?: string | null;
  quantity: string;
  catalog_object_id?: string | null;
  variation_name?: string | null;
  base_price_money?: SquareMoney | null;
  total_money?: SquareMoney | null;
}

export type SquareOrderState = 'OPEN' | 'COMPLETED' | 'CANCELED' | 'DRAFT';

/** A Square order fulfilment (this subgraph uses PICKUP). */
export interface SquareFulfillment {
  uid: string;
  type: string;
  state: 'PROPOSED' | 'RESERVED' | 'PREPARED' | 'COMPLETED' | 'CANCELED' | 'FAILED';
  pickup_details?: { recipient?: { display_name?: string | null } | null; placed_at?: string; prepared_at?: string; completed_at?: string; [k: string]: unknown } | null;
}

/** A Square payment (CreatePayment); a store sale's are CASH or EXTERNAL. */
export interface SquarePayment {
  id: string;
  status: 'APPROVED' | 'COMPLETED' | 'CANCELED' | 'FAILED' | 'PENDING';
  amount_money: SquareMoney;
  source_type?: string;
  order_id?: string;
  location_id?: string;
  created_at?: string;
}

/** A tender on a paid order (one per payment). */
export interface SquareTender {
  id?: string;
  type: string;
  amount_money?: SquareMoney;
  payment_id?: string;
  cash_details?: { buyer_tendered_money?: SquareMoney; change_back_money?: SquareMoney };
}

export interface SquareOrder {
  id: string;
  tenders?: SquareTender[];
  location_id: string;
  /** Optimistic-concurrency version UpdateOrder checks. */
  version?: number;
  fulfillments?: SquareFulfillment[];
  customer_id?: string | null;
  /** Free reference the creator sets; recordStoreSale puts its idempotency key here. */
  reference_id?: string | null;
  state: SquareOrderState;
  line_items?: SquareLineItem[];
  total_money?: SquareMoney | null;
  created_at: string;
  updated_at?: string;
  closed_at?: string | null;
}

export interface SquareLocation {
  id: string;
  name?: string;
  business_name?: string;
  status: 'ACTIVE' | 'INACTIVE';
  timezone?: string | null;
  currency: string;
  country?: string | null;
  address?: SquareAddress | null;
  /** The store's own contact values (the identity feed serves them as the retailer's own). */
  phone_number?: string | null;
  business_email?: string | null;
  created_at?: string;
}

export interface SquareLocationOverride {
  location_id: string;
  price_money?: SquareMoney | null;
  track_inventory?: boolean;
}

export interface SquareCatalogObject {
  type: string;
  id: string;
  is_deleted?: boolean;
  present_at_all_locations?: boolean;
  present_at_location_ids?: string[];
  absent_at_location_ids?: string[];
  item_data?: { name?: string; variations?: SquareCatalogObject[] };
  item_variation_data?: {
    item_id: string;
    name?: string;
    sku?: string;
    price_money?: SquareMoney | null;
    location_overrides?: SquareLocationOverride[];
    track_inventory?: boolean;
  };
}

export interface SquareInventoryCount {
  catalog_object_id: string;
  location_id: string;
  state: string;
  quantity: string;
  calculated_at?: string;
}

export interface SquareLoyaltyAccount {
  id: string;
  program_id?: string;
  customer_id?: string | null;
  balance: number;
  lifetime_points: number;
  enrolled_at?: string | null;
}

export interface SquareError {
  category: string;
  code: string;
  detail?: string;
  field?: string;
}

/** A sellable variation and the item it belongs to (for the product name). */
export interface CatalogVariation {
  variation: SquareCatalogObject;
  item: SquareCatalogObject | null;
}

export type PosCustomerModel = SquareCustomer;
export type PosOrderModel = SquareOrder;
export type PosPickupModel = SquareFulfillment;
export type PosLineItemModel = SquareLineItem;
export type PosTenderModel = SquareTender;
export type StoreModel = SquareLocation;
export type PosLoyaltyAccountModel = SquareLoyaltyAccount;

/** A Product as this subgraph knows it: the SKU, and the POS variation when the catalog has it. */
export interface ProductModel {
  sku: string;
  catalog: CatalogVariation | null;
}

export interface RecordStoreSaleResultModel {
  order: SquareOrder;
  products: ProductModel[];
}

export interface StoreOfferModel {
  location: SquareLocation;
  price: SquareMoney | null;
  quantity: number | null;
}

/** A Customer representation from the gateway: the hub's id and, through @requires, its links. */
export interface CustomerModel {
  id: string;
  links?: { system: string; externalId: string }[];
}
