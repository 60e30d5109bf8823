import { readFileSync } from 'node:fs';
import { GraphQLError, type ValidationRule } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityBatching } from '../../src/executor/batch.ts';
import { comparable, startHarness, type Answer, type Harness, type SubgraphDef } from './harness.ts';
import { guildSubgraphs } from './guild.ts';
import { retailSubgraphs } from './subgraphs.ts';

/**
 * Entity batching (gateway/src/executor/batch.ts) against plain @apollo/gateway: with the
 * `_entities` fetches to one subgraph that are ready together merged into one request, the
 * answers (data byte for byte, error paths and codes) stay those of @apollo/gateway in every
 * mode, and the subgraphs get fewer requests.
 */

const MODES: readonly EntityBatching[] = ['off', 'tick', 'immediate'];

interface Counted {
  answer: Answer;
  counts: Record<string, number>;
  total: number;
}

/** Requests per subgraph that one operation makes, run alone. */
async function counted(h: Harness, send: () => Promise<Answer>): Promise<Counted> {
  for (const name of Object.keys(h.requestCounts)) h.requestCounts[name] = 0;
  const answer = await send();
  const counts = { ...h.requestCounts };
  return { answer, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** The query through @apollo/gateway and through the executor in each batching mode: all must agree. */
async function sameInEveryMode(h: Harness, query: string): Promise<Record<'apollo' | EntityBatching, Counted>> {
  const apollo = await counted(h, () => h.apollo(query));
  const out = { apollo } as Record<'apollo' | EntityBatching, Counted>;
  for (const mode of MODES) {
    out[mode] = await counted(h, () => h.omniMode(mode, query));
    expect(comparable(out[mode].answer), `batching ${mode}`).toEqual(comparable(apollo.answer));
  }
  return out;
}

const batched = (h: Harness, mode: EntityBatching) => h.omnigraphByMode[mode].batchStats().batched;

// Two inventory fetches (at reviews.@.product and at reviews.@.author.reviews.@.product) are
// made ready by the same reviews response.
const TWO_INVENTORY_BRANCHES = '{ reviews { id product { upc inStock } author { id reviews { id product { upc inStock warehouse } } } } }';

describe('entity batching against @apollo/gateway (retail graph)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(retailSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('merges parallel branches fetching from the same subgraph into one request', async () => {
    const before = batched(h, 'tick');
    const r = await sameInEveryMode(h, TWO_INVENTORY_BRANCHES);
    expect(r.tick.answer.errors).toBeUndefined();
    expect(r.off.counts.inventory).toBe(2);
    expect(r.apollo.counts.inventory).toBe(2);
    expect(r.tick.counts.inventory).toBe(1);
    expect(r.immediate.counts.inventory).toBe(1);
    expect(batched(h, 'tick') - before).toBe(1);
  });

  it('re-paths errors of one part of a batched request to that part only', async () => {
    // restock fails for p2 (RESTOCK_UNKNOWN) and p3 (no code); p404's product has none of it.
    const r = await sameInEveryMode(h, '{ reviews { id product { upc restock } author { id reviews { id product { upc inStock restock } } } } }');
    expect(r.tick.counts.inventory).toBe(1);
    const paths = r.tick.answer.errors?.map((e) => JSON.stringify(e.path)).sort();
    expect(paths).toEqual(['["reviews",2,"author","reviews",0,"product","restock"]', '["reviews",2,"product","restock"]']);
    expect(r.tick.answer.errors?.every((e) => e.extensions?.code === 'RESTOCK_UNKNOWN' && e.extensions?.serviceName === 'inventory')).toBe(true);
  });

  it('keeps merged and separate fetches apart when a client variable is used by both', async () => {
    const query = `query V($with: Boolean!) { reviews { id product { upc inStock @include(if: $with) } author { reviews { product { upc inStock @include(if: $with) restock @skip(if: $with) } } } } }`;
    for (const vars of [{ with: true }, { with: false }]) {
      const apollo = await h.apollo(query, vars);
      for (const mode of MODES) expect(comparable(await h.omniMode(mode, query, vars)), mode).toEqual(comparable(apollo));
    }
  });

  it('fails every batched part when their subgraph is down, as separate calls would', async () => {
    const before = batched(h, 'tick');
    // Named, so the two shipping fetches differ (anonymous, they are the same request and collapse into one).
    const r = await sameInEveryMode(h, 'query Down { reviews { id product { upc carrier } author { id reviews { id product { upc carrier } } } } }');
    expect(batched(h, 'tick') - before).toBe(1);
    expect(r.tick.answer.errors?.length).toBe(2);
    expect(r.tick.answer.errors?.every((e) => e.extensions?.serviceName === 'shipping')).toBe(true);
  });
});

/** graphql-armor style alias limit: the merged request fails validation (400) at this subgraph. */
const noAliasedEntities: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_entities' && node.alias) context.reportError(new GraphQLError('Aliases are limited on this server'));
  },
});

describe('entity batching when a subgraph refuses the merged request', () => {
  let h: Harness;
  beforeAll(async () => {
    const defs: SubgraphDef[] = retailSubgraphs.map((d) => (d.name === 'inventory' ? { ...d, validationRules: [noAliasedEntities] } : d));
    h = await startHarness(defs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('sends the parts again one by one and answers like @apollo/gateway', async () => {
    const r = await sameInEveryMode(h, TWO_INVENTORY_BRANCHES);
    expect(r.tick.answer.errors).toBeUndefined();
    // One refused merged request, then the two fetches on their own.
    expect(r.tick.counts.inventory).toBe(3);
  });
});

describe('entity batching on the Guild gateways benchmark query', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(guildSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('answers identically with 13 subgraph requests instead of 16 (tick), fewer still when responses arrive together (immediate)', async () => {
    const query = readFileSync(new URL('./guild-query.graphql', import.meta.url), 'utf8');
    const r = await sameInEveryMode(h, query);
    expect(r.tick.answer.errors).toBeUndefined();
    expect(r.apollo.counts).toEqual({ accounts: 3, inventory: 7, products: 4, reviews: 2 });
    expect(r.off.counts).toEqual(r.apollo.counts);
    expect(r.tick.counts).toEqual({ accounts: 3, inventory: 5, products: 3, reviews: 2 });
    expect(r.immediate.total).toBeLessThanOrEqual(r.tick.total);
    console.log(`Guild TestQuery, subgraph requests per query: @apollo/gateway ${r.apollo.total} ${JSON.stringify(r.apollo.counts)}; batching off ${r.off.total}; tick ${r.tick.total} ${JSON.stringify(r.tick.counts)}; immediate ${r.immediate.total} ${JSON.stringify(r.immediate.counts)}`);
  });
});
