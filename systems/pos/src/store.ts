import { readResource } from '../../lib/ndjson.ts';

/**
 * The Square objects this stand-in serves, exactly as the data set holds them
 * (systems/DATA-FORMAT.md). Only the fields the stand-in itself reads are typed; the rest
 * passes through untouched, so a real export drops in unchanged.
 */
export interface Money {
  amount: number;
  currency: string;
}
export interface Customer {
  id: string;
  email_address?: string | null;
  phone_number?: string | null;
  reference_id?: string | null;
  created_at: string;
  [field: string]: unknown;
}
export interface Order {
  id: string;
  location_id: string;
  customer_id?: string | null;
  state: string;
  created_at: string;
  updated_at?: string;
  closed_at?: string;
  [field: string]: unknown;
}
export interface Location {
  id: string;
  [field: string]: unknown;
}
export interface CatalogObject {
  type: string;
  id: string;
  item_data?: { name?: string; variations?: CatalogObject[]; [field: string]: unknown };
  item_variation_data?: { item_id: string; sku?: string; name?: string; [field: string]: unknown };
  [field: string]: unknown;
}
export interface InventoryCount {
  catalog_object_id: string;
  location_id: string;
  state: string;
  quantity: string;
  [field: string]: unknown;
}
export interface LoyaltyAccount {
  id: string;
  customer_id?: string | null;
  mapping?: { phone_number?: string };
  [field: string]: unknown;
}

export interface PosStore {
  customers: Customer[];
  customerById: Map<string, Customer>;
  orders: Order[];
  orderById: Map<string, Order>;
  locations: Location[];
  locationById: Map<string, Location>;
  /** Items and their variations, flattened: Square's catalog endpoints address both by id. */
  catalogById: Map<string, CatalogObject>;
  catalog: CatalogObject[];
  counts: InventoryCount[];
  loyaltyAccounts: LoyaltyAccount[];
}

export async function loadStore(dataDir: string): Promise<PosStore> {
  const [customers, orders, locations, items, counts, loyaltyAccounts] = await Promise.all([
    readResource<Customer>(dataDir, 'pos', 'customers'),
    readResource<Order>(dataDir, 'pos', 'orders'),
    readResource<Location>(dataDir, 'pos', 'locations'),
    readResource<CatalogObject>(dataDir, 'pos', 'catalog'),
    readResource<InventoryCount>(dataDir, 'pos', 'inventory_counts'),
    readResource<LoyaltyAccount>(dataDir, 'pos', 'loyalty_accounts'),
  ]);
  const catalog: CatalogObject[] = [];
  for (const item of items) {
    catalog.push(item);
    for (const variation of item.item_data?.variations ?? []) catalog.push(variation);
  }
  return {
    customers,
    customerById: new Map(customers.map((c) => [c.id, c])),
    orders,
    orderById: new Map(orders.map((o) => [o.id, o])),
    locations,
    locationById: new Map(locations.map((l) => [l.id, l])),
    catalog,
    catalogById: new Map(catalog.map((o) => [o.id, o])),
    counts,
    loyaltyAccounts,
  };
}
