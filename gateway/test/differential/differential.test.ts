import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, startHarness, type Harness } from './harness.ts';
import { guildSubgraphs } from './guild.ts';
import { retailSubgraphs } from './subgraphs.ts';

/**
 * The correctness guard of the Omnigraph executor: each operation runs through plain
 * @apollo/gateway and through our executor, over the same subgraphs, and must give the same
 * data (byte for byte, key order included) and the same errors (paths and codes).
 */

async function same(h: Harness, query: string, variables?: Record<string, unknown>) {
  const [apollo, omni] = await Promise.all([h.apollo(query, variables), h.omni(query, variables)]);
  expect(comparable(omni)).toEqual(comparable(apollo));
  return { apollo, omni };
}

describe('Omnigraph executor against @apollo/gateway (retail graph)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(retailSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('joins entities by key across subgraphs', async () => {
    const { omni } = await same(h, '{ topProducts { upc name price reviews { id body author { id username name age } } } }');
    expect(omni.errors).toBeUndefined();
  });

  it('resolves an entity through its second key (User by email)', async () => {
    const { omni } = await same(h, '{ topProducts(first: 3) { upc lastBuyer { email name username } } }');
    expect(JSON.stringify(omni.data)).toContain('"name":"Bob"');
  });

  it('sends @requires fields to the requiring subgraph', async () => {
    await same(h, '{ topProducts { upc shippingEstimate inStock } }');
  });

  it('uses @provides fields without an extra fetch', async () => {
    await same(h, '{ reviews { id author { username } } topProducts { createdBy { id name } } }');
  });

  it('routes an @override field to the overriding subgraph', async () => {
    const { omni } = await same(h, '{ product(upc: "p1") { warehouse } }');
    expect(omni.data).toEqual({ product: { warehouse: 'inventory-warehouse' } });
  });

  it('merges @interfaceObject fields into interface implementations', async () => {
    await same(h, '{ media { __typename id title rating ... on Book { pages } ... on Movie { minutes } } }');
  });

  it('answers a @shareable field from either subgraph the same way', async () => {
    await same(h, '{ users { id username reviews { author { username name } } } }');
  });

  it('rejects an @inaccessible field in both', async () => {
    const { omni } = await same(h, '{ users { id secret } }');
    expect(omni.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('shapes unions and interfaces with fragments and __typename', async () => {
    await same(
      h,
      `query Search {
        search { __typename ...P ... on Collection { title items { ...P } } }
        media { ... on Media { id } ... on Book { title } __typename }
      }
      fragment P on Product { upc name kind: __typename }`,
    );
  });

  it('applies @skip and @include from variables, with defaults', async () => {
    const query = `query Cond($withReviews: Boolean!, $skipPrice: Boolean = true) {
      topProducts {
        upc
        price @skip(if: $skipPrice)
        reviews @include(if: $withReviews) { id author { name @include(if: $withReviews) } }
        ... on Product @include(if: $withReviews) { inStock }
      }
    }`;
    await same(h, query, { withReviews: true });
    await same(h, query, { withReviews: false });
    await same(h, query, { withReviews: true, skipPrice: false });
  });

  it('keeps aliases, including the same field twice with different arguments', async () => {
    await same(h, '{ first: topProducts(first: 1) { id: upc title: name } two: topProducts(first: 2) { upc, again: upc } }');
  });

  it('keeps duplicate entities in lists (deduplicated only on the wire)', async () => {
    await same(h, '{ reviews { id author { id name age reviews { id product { upc name inStock } } } } }');
  });

  it('re-paths subgraph errors and keeps their codes and serviceName', async () => {
    const { omni, apollo } = await same(h, '{ topProducts { upc restock } }');
    expect(omni.errors?.length).toBe(2);
    const services = (a: typeof omni) => a.errors?.map((e) => e.extensions?.serviceName).sort();
    expect(services(omni)).toEqual(services(apollo));
    expect(omni.errors?.map((e) => e.message).sort()).toEqual(apollo.errors?.map((e) => e.message).sort());
  });

  it('propagates a missing non-null field up to the nearest nullable parent', async () => {
    const { omni } = await same(h, '{ reviews { id product { upc name } } }');
    expect((omni.data as { reviews: unknown[] }).reviews[3]).toBeNull();
    expect(omni.extensions?.valueCompletion).toBeDefined();
  });

  it('returns partial data when a subgraph is down', async () => {
    const { omni } = await same(h, '{ topProducts { upc name carrier } }');
    expect(omni.errors?.length).toBe(1);
    expect((omni.data as { topProducts: { carrier: unknown }[] }).topProducts[0]?.carrier).toBeNull();
    expect(omni.errors?.[0]?.extensions?.serviceName).toBe('shipping');
  });

  it('validates variables like @apollo/gateway', async () => {
    await same(h, 'query Q($upc: String!) { product(upc: $upc) { name } }', {});
    await same(h, 'query Q($upc: String!) { product(upc: $upc) { name } }', { upc: 'p2' });
  });

  it('answers introspection next to federated fields', async () => {
    await same(h, '{ __typename __type(name: "Product") { name fields { name } } topProducts(first: 1) { upc } }');
  });

  it('forwards the request id to every subgraph it calls', async () => {
    for (const seen of Object.values(h.seenRequestIds)) seen.length = 0;
    await h.omni('{ topProducts { upc reviews { author { name } } } }', undefined, 'req-differential-1');
    expect(h.seenRequestIds.products).toContain('req-differential-1');
    expect(h.seenRequestIds.reviews).toContain('req-differential-1');
    expect(h.seenRequestIds.accounts).toContain('req-differential-1');
  });

  it('plans a repeated operation once (plan cache hit)', async () => {
    const query = 'query Cached { users { id name reviews { id } } }';
    const before = h.omnigraph.planCacheStats();
    await h.omni(query);
    await h.omni(query);
    const after = h.omnigraph.planCacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
  });
});

describe('Omnigraph executor against @apollo/gateway (Guild gateways benchmark)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(guildSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it("answers the benchmark's nested query identically", async () => {
    const query = readFileSync(new URL('./guild-query.graphql', import.meta.url), 'utf8');
    const { omni } = await same(h, query);
    expect(omni.errors).toBeUndefined();
    expect(JSON.stringify(omni.data).length).toBeGreaterThan(80_000);
  });
});
