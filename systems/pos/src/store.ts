import { readResource } from '../../lib/ndjson.ts';
import { IdempotencyLedger } from './square.ts';

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

/** A Square payment (CreatePayment); the data set holds none, the stand-in keeps the ones it takes. */
export interface Payment {
  id: string;
  status: 'APPROVED' | 'COMPLETED' | 'CANCELED';
  location_id: string;
  order_id?: string;
  created_at: string;
  amount_money: Money;
  [field: string]: unknown;
}

/** The merchant's loyalty program (`GET /v2/loyalty/programs/main`). */
export interface LoyaltyProgram {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
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
  /** Square has one loyalty program per seller; null when the data set has no loyalty accounts. */
  loyaltyProgram: LoyaltyProgram | null;
  payments: Payment[];
  paymentById: Map<string, Payment>;
  /** Every write's idempotency keys, per endpoint (square.ts). */
  idempotency: IdempotencyLedger;
}

/**
 * The program behind the accounts: a `pos/loyalty_programs.ndjson` row when the data set has one,
 * else one ACTIVE points program with the accounts' `program_id` at every location.
 */
function programOf(programs: LoyaltyProgram[], accounts: LoyaltyAccount[], locations: Location[]): LoyaltyProgram | null {
  if (programs[0]) return programs[0];
  const id = accounts.find((a) => typeof a.program_id === 'string')?.program_id;
  if (typeof id !== 'string') return null;
  const createdAt = accounts.map((a) => String(a.created_at ?? '')).filter(Boolean).sort()[0] ?? new Date(0).toISOString();
  return {
    id,
    status: 'ACTIVE',
    reward_tiers: [{ id: `${id.slice(0, 24)}tier`, points: 100, name: '10% off the sale', created_at: createdAt, pricing_rule_reference: { object_id: `${id.slice(0, 20)}rule`, catalog_version: 1 } }],
    terminology: { one: 'Point', other: 'Points' },
    location_ids: locations.map((l) => l.id),
    created_at: createdAt,
    updated_at: createdAt,
    accrual_rules: [{ accrual_type: 'SPEND', points: 1, spend_data: { amount_money: { amount: 10000, currency: String(locations[0]?.currency ?? 'USD') }, tax_mode: 'BEFORE_TAX' } }],
  };
}

export async function loadStore(dataDir: string): Promise<PosStore> {
  const [customers, orders, locations, items, counts, loyaltyAccounts, programs] = await Promise.all([
    readResource<Customer>(dataDir, 'pos', 'customers'),
    readResource<Order>(dataDir, 'pos', 'orders'),
    readResource<Location>(dataDir, 'pos', 'locations'),
    readResource<CatalogObject>(dataDir, 'pos', 'catalog'),
    readResource<InventoryCount>(dataDir, 'pos', 'inventory_counts'),
    readResource<LoyaltyAccount>(dataDir, 'pos', 'loyalty_accounts'),
    readResource<LoyaltyProgram>(dataDir, 'pos', 'loyalty_programs'),
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
    loyaltyProgram: programOf(programs, loyaltyAccounts, locations),
    payments: [],
    paymentById: new Map(),
    idempotency: new IdempotencyLedger(),
  };
}
