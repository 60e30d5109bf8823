import type { Queryable } from './db/index.ts';

export interface ChannelStatisticsModel {
  customers: number;
  linkedRecords: number;
  systems: { system: string; customers: number; linkedRecords: number; share: number }[];
  overlap: { systemCount: number; customers: number }[];
  combinations: { systems: string[]; customers: number }[];
  computedAt: string;
}

/**
 * Aggregate channel statistics (C9), counted by the database: one GROUP BY per system and one
 * GROUP BY per set of systems. Nothing per customer leaves the database; the process only
 * reads at most one row per system and one per combination (2^systems at most), so the cost
 * does not grow with the number of customers in memory. Merged-away customers hold no links,
 * so they are not counted.
 */
export async function channelStatistics(db: Queryable): Promise<ChannelStatisticsModel> {
  const [bySystem, byCombination] = await Promise.all([
    db.query<{ system: string; customers: number; records: number }>(
      `SELECT system, count(DISTINCT customer_id)::int AS customers, count(*)::int AS records
         FROM links GROUP BY system ORDER BY system`,
    ),
    db.query<{ systems: string[]; customers: number }>(
      `SELECT systems, count(*)::int AS customers
         FROM (SELECT customer_id, array_agg(DISTINCT system ORDER BY system) AS systems FROM links GROUP BY customer_id) AS per_customer
        GROUP BY systems
        ORDER BY count(*) DESC, array_to_string(systems, ',')`,
    ),
  ]);
  const customers = byCombination.reduce((n, row) => n + row.customers, 0);
  const overlap = new Map<number, number>();
  for (const row of byCombination) overlap.set(row.systems.length, (overlap.get(row.systems.length) ?? 0) + row.customers);
  return {
    customers,
    linkedRecords: bySystem.reduce((n, row) => n + row.records, 0),
    systems: bySystem.map((row) => ({
      system: row.system,
      customers: row.customers,
      linkedRecords: row.records,
      share: customers === 0 ? 0 : row.customers / customers,
    })),
    overlap: [...overlap.entries()].sort(([a], [b]) => a - b).map(([systemCount, n]) => ({ systemCount, customers: n })),
    combinations: byCombination.map((row) => ({ systems: row.systems, customers: row.customers })),
    computedAt: new Date().toISOString(),
  };
}
