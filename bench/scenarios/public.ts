import { readFileSync, writeFileSync } from 'node:fs';
import { PUBLIC_SUBGRAPHS } from '../public/subgraphs/schema.ts';
import { supergraphFile } from '../public/compose.ts';
import { supergraphWithUrls } from '../lib/supergraph.ts';
import { firstDifference } from '../lib/compare.ts';
import { benchDir, startChild, type Child } from '../lib/proc.ts';
import type { Scenario, ScenarioContext, Upstreams } from './types.ts';

/**
 * The Guild's gateways benchmark (graphql-hive/graphql-gateways-benchmark, federation):
 * accounts, inventory, products and reviews, and its deeply nested TestQuery, with our own
 * subgraphs (bench/public/subgraphs, one process each) over the same data. An answer must
 * equal expected-structure.json exactly, or the gateway is reported as failed.
 */
const expected: unknown = JSON.parse(readFileSync(`${benchDir}public/expected-structure.json`, 'utf8'));
const query = readFileSync(`${benchDir}public/query.graphql`, 'utf8');

let children: Child[] = [];

export const publicScenario: Scenario = {
  name: 'public',
  description: "The Guild's gateways benchmark: 4 subgraphs, deeply nested TestQuery",
  gateways: ['omnigraph', 'omnigraph-unguarded', 'apollo', 'hive', 'monolith'],
  operations: [
    {
      name: 'TestQuery',
      body: { query, operationName: 'TestQuery' },
      verify: (response) => firstDifference(response, expected),
    },
  ],
  async setup(ctx: ScenarioContext): Promise<Upstreams> {
    const started = await Promise.allSettled(PUBLIC_SUBGRAPHS.map((name) => startChild(`public-${name}`, `bench/public/subgraphs/${name}.ts`, { PORT: '0' })));
    children = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const subgraphUrls = Object.fromEntries(children.map((c) => [c.name.replace(/^public-/, ''), c.url]));
    const supergraphPath = `${ctx.scratchDir}supergraph-public.tmp`;
    writeFileSync(supergraphPath, supergraphWithUrls(readFileSync(supergraphFile, 'utf8'), subgraphUrls));
    ctx.log(`subgraphs: ${Object.entries(subgraphUrls).map(([n, u]) => `${n} ${u}`).join(', ')}`);
    return {
      supergraphPath,
      subgraphUrls,
      monolithEntry: 'bench/public/monolith.ts',
      // The Guild's TestQuery nests lists with no size (no `first`, no schema default): counted at
      // LIMIT_DEFAULT_LIST_SIZE each, its estimate is 102,927, over the default 100,000. This
      // deployment allows it, as an operator would for its own schema; the check still runs.
      omnigraphEnv: { LIMIT_MAX_COST: '200000' },
      async upstreamCalls() {
        const counts = await Promise.all(
          Object.entries(subgraphUrls).map(async ([name, url]) => {
            const res = await fetch(new URL('/_bench/stats', url), { signal: AbortSignal.timeout(5_000) });
            return [name, ((await res.json()) as { requests: number }).requests] as const;
          }),
        );
        return Object.fromEntries(counts);
      },
    };
  },
  async teardown() {
    await Promise.all(children.map((c) => c.stop()));
    children = [];
  },
};
