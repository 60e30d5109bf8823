import { describe, expect, it } from 'vitest';
import type { PosConnector } from './connector/index.ts';
import { createLoaders } from './loaders.ts';
import type { SquareLocation, SquareOrder } from './mappers.ts';

const location = (i: number): SquareLocation => ({ id: `L${String(i).padStart(12, '0')}`, status: 'ACTIVE', currency: 'THB' });
const order = (id: string, customer: string, store: string, day: number): SquareOrder => ({
  id,
  customer_id: customer,
  location_id: store,
  state: 'COMPLETED',
  created_at: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`,
});

/** A connector double recording the order searches the loaders make. */
function fakeConnector(locations: SquareLocation[], orders: SquareOrder[]) {
  const searches: { customers: readonly string[]; stores: readonly string[] }[] = [];
  let locationCalls = 0;
  const connector = {
    listLocations: async () => {
      locationCalls += 1;
      return locations;
    },
    searchOrdersByCustomers: async (customers: readonly string[], stores: readonly string[]) => {
      searches.push({ customers, stores });
      return orders.filter((o) => customers.includes(o.customer_id ?? '') && stores.includes(o.location_id));
    },
  };
  return { connector: connector as unknown as PosConnector, searches, locationCalls: () => locationCalls };
}

describe('ordersByCustomerId', () => {
  it('chunks customers and locations by Square’s cap of 10 and merges the chunks newest first', async () => {
    const stores = Array.from({ length: 12 }, (_, i) => location(i));
    const customers = Array.from({ length: 12 }, (_, i) => `C${i}`);
    const orders = [order('o1', 'C0', stores[0]!.id, 1), order('o2', 'C0', stores[11]!.id, 3), order('o3', 'C0', stores[5]!.id, 2), order('o4', 'C11', stores[10]!.id, 4)];
    const fake = fakeConnector(stores, orders);
    const loaders = createLoaders(fake.connector);

    const results = await Promise.all(customers.map((c) => loaders.ordersByCustomerId.load(c)));

    expect(results[0]?.map((o) => o.id)).toEqual(['o2', 'o3', 'o1']);
    expect(results[11]?.map((o) => o.id)).toEqual(['o4']);
    expect(results.slice(1, 11).every((r) => r.length === 0)).toBe(true);
    // 12 customers × 12 stores = 2 customer chunks × 2 location chunks.
    expect(fake.searches).toHaveLength(4);
    expect(fake.searches.every((s) => s.customers.length <= 10 && s.stores.length <= 10)).toBe(true);
    expect(fake.locationCalls()).toBe(1);
  });

  it('shares one locations call between store lookups and order searches', async () => {
    const fake = fakeConnector([location(1)], []);
    const loaders = createLoaders(fake.connector);
    await Promise.all([loaders.locationById.load(location(1).id), loaders.ordersByCustomerId.load('C1'), loaders.allLocations()]);
    expect(fake.locationCalls()).toBe(1);
  });
});
