import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, SYSTEMS, type TestStack } from './helpers/e2e.ts';

/**
 * C9, learn which channels customers use: the aggregate statistics analysts query, checked
 * against the same numbers counted here from every customer's links read through the gateway.
 */

interface Stats {
  customers: number;
  linkedRecords: number;
  systems: { system: string; customers: number; linkedRecords: number; share: number }[];
  overlap: { systemCount: number; customers: number }[];
  combinations: { systems: string[]; customers: number }[];
}

const STATS = `{ channelStatistics {
  customers linkedRecords
  systems { system customers linkedRecords share }
  overlap { systemCount customers }
  combinations(first: 100) { systems customers }
} }`;

const PAGE = `query($after: String) { customers(first: 100, after: $after) {
  edges { node { id links { system externalId } } }
  pageInfo { hasNextPage endCursor }
} }`;

describe('aggregate channel statistics through the gateway (C9)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('match the counts computed from every customer’s links in the e2e data set', async () => {
    const customers: { id: string; links: { system: string }[] }[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof stack.query<{ customers: { edges: { node: { id: string; links: { system: string }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>>> =
        await stack.query(PAGE, { after });
      expect(page.errors).toBeUndefined();
      customers.push(...page.data!.customers.edges.map((e) => e.node));
      after = page.data!.customers.pageInfo.hasNextPage ? page.data!.customers.pageInfo.endCursor : null;
    } while (after);

    const linked = customers.filter((c) => c.links.length > 0);
    const systemsOf = (c: (typeof customers)[number]) => [...new Set(c.links.map((l) => l.system))].sort();
    const systems = [...new Set(linked.flatMap(systemsOf))].sort();
    const combos = new Map<string, number>();
    for (const c of linked) combos.set(systemsOf(c).join(','), (combos.get(systemsOf(c).join(',')) ?? 0) + 1);
    const overlap = new Map<number, number>();
    for (const c of linked) overlap.set(systemsOf(c).length, (overlap.get(systemsOf(c).length) ?? 0) + 1);

    await stack.resetUpstreamCalls();
    const res = await stack.query<{ channelStatistics: Stats }>(STATS);
    expect(res.errors).toBeUndefined();
    const stats = res.data!.channelStatistics;

    expect(stats.customers).toBe(linked.length);
    expect(stats.linkedRecords).toBe(linked.reduce((n, c) => n + c.links.length, 0));
    expect(stats.systems.map(({ system, customers: n, linkedRecords }) => ({ system, customers: n, linkedRecords }))).toEqual(
      systems.map((system) => ({
        system,
        customers: linked.filter((c) => c.links.some((l) => l.system === system)).length,
        linkedRecords: linked.reduce((n, c) => n + c.links.filter((l) => l.system === system).length, 0),
      })),
    );
    for (const s of stats.systems) expect(s.share).toBeCloseTo(s.customers / linked.length, 10);
    expect(stats.overlap).toEqual([...overlap.entries()].sort(([a], [b]) => a - b).map(([systemCount, n]) => ({ systemCount, customers: n })));
    expect(stats.combinations.map((c) => [c.systems.join(','), c.customers])).toEqual(
      expect.arrayContaining([...combos.entries()]),
    );
    expect(stats.combinations).toHaveLength(combos.size);
    const counts = stats.combinations.map((c) => c.customers);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // People really do use several channels in the data set, and every registered system appears.
    expect(systems).toEqual([...SYSTEMS].sort());
    expect(stats.overlap.some((o) => o.systemCount >= 3)).toBe(true);

    // Counted in the hub's database: answering asked no channel system anything.
    for (const system of SYSTEMS) expect(await stack.upstreamCalls(system)).toEqual({});
  }, 120_000);
});
