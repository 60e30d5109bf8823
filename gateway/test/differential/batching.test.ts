import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityBatching } from '../../src/executor/batch.ts';
import { comparable, startHarness, type Answer, type Harness } from './harness.ts';
import { guildSubgraphs } from './guild.ts';
import { retailSubgraphs } from './subgraphs.ts';

/**
 * Entity batching (gateway/src/executor/batch.ts) against plain @apollo/gateway: with `_entities`
 * fetches to one subgraph merged into one request, answers (data byte for byte, error paths and
 * codes) stay those of @apollo/gateway, in every mode, while the subgraphs get fewer requests.
 */

const MODES: readonly EntityBatching[] = ['off', 'tick', 'immediate'];

/** Requests per subgraph one operation makes through `send`, run alone. */
async function counted(h: Harness, send: () => Promise<Answer>): Promise<{ answer: Answer; counts: Record<string, number>; total: number }> {
  for (const name of Object.keys(h.requestCounts)) h.requestCounts[name] = 0;
  const answer = await send();
  const counts = { ...h.requestCounts };
  return { answer, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Runs the query through @apollo/gateway and each batching mode; all must agree. Returns requests per mode. */
async function sameInEveryMode(h: Harness, query: string, variables?: Record<string, unknown>) {
  const apollo = await counted(h, () => h.apollo(query, variables));
  const modes = {} as Record<EntityBatching, Awaited<ReturnType<typeof counted>>>;
  for (const mode of MODES) {
    modes[mode] = await counted(h, () => h.omniMode(mode, query, variables));
    expect(comparable(modes[mode].answer), mode).toEqual(comparable(apollo.answer));
  }
  return { apollo, ...modes };
}

describe('entity batching against @apollo/gateway (retail graph)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(retailSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('merges parallel branches fetching from the same subgraph into one request', async () => {
    const r = await sameInEveryMode(h, '{ reviews { id product { upc inStock } author { id reviews { id product { upc inStock warehouse } } } } }');
    console.log('parallel', JSON.stringify({ apollo: r.apollo.counts, off: r.off.counts, tick: r.tick.counts, immediate: r.immediate.counts }));
    expect(r.tick.answer.errors).toBeUndefined();
  });

  it('re-paths errors of one part of a batched request to that part only', async () => {
    const r = await sameInEveryMode(h, '{ reviews { id product { upc restock } author { id reviews { id product { upc inStock restock } } } } }');
    console.log('errors', JSON.stringify({ apollo: r.apollo.counts, off: r.off.counts, tick: r.tick.counts }), JSON.stringify(r.tick.answer.errors?.map((e) => [e.path, e.extensions?.code])));
  });

  it('fails every batched part when their subgraph is down, as separate calls would', async () => {
    const r = await sameInEveryMode(h, '{ reviews { id product { upc carrier } author { id reviews { id product { upc carrier } } } } }');
    console.log('down', JSON.stringify({ apollo: r.apollo.counts, off: r.off.counts, tick: r.tick.counts }), JSON.stringify(r.tick.answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.serviceName])));
  });
});

describe('entity batching on the Guild gateways benchmark query', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(guildSubgraphs);
  }, 60_000);
  afterAll(async () => h?.close());

  it('answers identically with fewer subgraph requests', async () => {
    const query = readFileSync(new URL('./guild-query.graphql', import.meta.url), 'utf8');
    const r = await sameInEveryMode(h, query);
    console.log('guild', JSON.stringify({ apollo: r.apollo.counts, off: r.off.counts, tick: r.tick.counts, immediate: r.immediate.counts }));
  });
});
