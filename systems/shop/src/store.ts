import { readResource } from '../../lib/ndjson.ts';

/**
 * The shop's data set in memory (systems/DATA-FORMAT.md, `shop/*.ndjson`). Objects are kept
 * exactly as loaded and served unchanged, so the wire shape is whatever the export holds;
 * the interfaces below name only the fields the stand-in filters, joins or sorts on.
 */
export interface CustomerRecord {
  id: number;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  default_address?: { phone?: string | null } | null;
  [field: string]: unknown;
}

export interface OrderRecord {
  id: number;
  created_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  customer: { id: number } | null;
  [field: string]: unknown;
}

export interface VariantRecord {
  id: number;
  product_id: number;
  sku: string | null;
  inventory_item_id: number;
  [field: string]: unknown;
}

export interface ProductRecord {
  id: number;
  variants: VariantRecord[];
  [field: string]: unknown;
}

export interface LocationRecord {
  id: number;
  [field: string]: unknown;
}

export interface InventoryLevelRecord {
  inventory_item_id: number;
  location_id: number;
  [field: string]: unknown;
}

export interface ShopStore {
  /** All lists are sorted by ascending id, the order Shopify's cursor paging walks. */
  customers: CustomerRecord[];
  orders: OrderRecord[];
  products: ProductRecord[];
  locations: LocationRecord[];
  /** Shopify's Shop object (the shop's own name, email, phone) from shop/shop.ndjson; null when the data set has none. */
  shop: LocationRecord | null;
  customerById: Map<number, CustomerRecord>;
  orderById: Map<number, OrderRecord>;
  productById: Map<number, ProductRecord>;
  variantsBySku: Map<string, VariantRecord[]>;
  levelsByItemId: Map<number, InventoryLevelRecord[]>;
}

const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;

export async function loadStore(dataDir: string): Promise<ShopStore> {
  const [customers, orders, products, locations, levels, shops] = await Promise.all([
    readResource<CustomerRecord>(dataDir, 'shop', 'customers'),
    readResource<OrderRecord>(dataDir, 'shop', 'orders'),
    readResource<ProductRecord>(dataDir, 'shop', 'products'),
    readResource<LocationRecord>(dataDir, 'shop', 'locations'),
    readResource<InventoryLevelRecord>(dataDir, 'shop', 'inventory_levels'),
    readResource<LocationRecord>(dataDir, 'shop', 'shop'),
  ]);
  customers.sort(byId);
  orders.sort(byId);
  products.sort(byId);
  locations.sort(byId);

  const variantsBySku = new Map<string, VariantRecord[]>();
  for (const product of products) {
    for (const variant of product.variants ?? []) {
      // Shopify does not enforce unique SKUs; a lookup by SKU can return several variants.
      if (variant.sku) variantsBySku.set(variant.sku, [...(variantsBySku.get(variant.sku) ?? []), variant]);
    }
  }
  const levelsByItemId = new Map<number, InventoryLevelRecord[]>();
  for (const level of levels) {
    levelsByItemId.set(level.inventory_item_id, [...(levelsByItemId.get(level.inventory_item_id) ?? []), level]);
  }
  return {
    customers,
    orders,
    products,
    locations,
    shop: shops[0] ?? null,
    customerById: new Map(customers.map((c) => [c.id, c])),
    orderById: new Map(orders.map((o) => [o.id, o])),
    productById: new Map(products.map((p) => [p.id, p])),
    variantsBySku,
    levelsByItemId,
  };
}
