import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { rootDir } from '../lib/proc.ts';
import { supergraphWithUrls } from '../lib/supergraph.ts';
import type { Operation, Scenario, ScenarioContext, Upstreams } from './types.ts';

/**
 * Omnigraph's own operations on the product stack (scripts/stack.ts): every stand-in system
 * answering with 20 ms of added latency, over a generated data set of 100k people. Measured
 * on A (Omnigraph), B (plain @apollo/gateway) and C (Hive Gateway), each started by the
 * harness against the stack's subgraphs; the stack's own gateway idles. Upstream calls per
 * operation are the stand-in systems' vendor calls (`GET /__admin/state`).
 *
 * The scenario reports itself unavailable, with the reason, until the product is ready for
 * it: the data set generator (systems/generate/ensure.ts), the composed supergraph
 * (schema/supergraph.graphql + supergraph-api.graphql) and every operation below valid
 * against that API schema. The operations are written against the design (docs/DESIGN.md)
 * and the identity subgraph's schema; adjust field names once the channel subgraphs land.
 */
const PERSONS = 100_000;
const STANDIN_LATENCY_MS = '20';
const SYSTEMS = ['crm', 'shop', 'pos', 'social'];
const DATA_DIR = `${rootDir}.data/bench-100k`;
const SUPERGRAPH = `${rootDir}schema/supergraph.graphql`;
const API_SCHEMA = `${rootDir}schema/supergraph-api.graphql`;
const ENSURE = `${rootDir}systems/generate/ensure.ts`;
const STACK = `${rootDir}scripts/stack.ts`;

// The shapes of scripts/stack.ts and systems/generate/ensure.ts this scenario relies on,
// imported at run time so that the benchmark type-checks before they exist.
interface StackModule {
  startStack(opts: { dataDir: string; ports: 'ephemeral'; env?: Record<string, Record<string, string>>; onOutput?: (name: string, line: string) => void }): Promise<{
    gatewayUrl: string;
    systems: Record<string, string>;
    subgraphs: Record<string, string>;
    stop(): Promise<void>;
  }>;
}
interface EnsureModule {
  ensureDataset(dataDir: string, opts?: { persons?: number }): Promise<string>;
}

const noErrors = (response: unknown): string | undefined => {
  const r = response as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  if (r.errors?.length) return `errors: ${r.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ').slice(0, 300)}`;
  if (!r.data) return 'no data';
  return undefined;
};
const nonEmpty =
  (path: string[]) =>
  (response: unknown): string | undefined => {
    const problem = noErrors(response);
    if (problem) return problem;
    let node: unknown = (response as { data: unknown }).data;
    for (const key of path) node = (node as Record<string, unknown> | null)?.[key];
    if (node === null || node === undefined || (Array.isArray(node) && node.length === 0)) return `data.${path.join('.')} is empty`;
    return undefined;
  };

const PROFILE = `profile { name { value source { system } } email { value source { system } } phone { value source { system } } }`;

// Variables are filled in by setup() from the data set (a real customer id and SKU).
const operations: Operation[] = [
  {
    name: 'customer360',
    body: {
      operationName: 'Customer360',
      query: `query Customer360($id: ID!) {
        customer(id: $id) {
          id
          ${PROFILE}
          links { system externalId rule }
          orders(first: 10) { nodes { id channel total { amount currency } placedAt } }
          carts { id channel itemCount }
          interactions(first: 10) { nodes { id channel kind occurredAt } }
        }
      }`,
      variables: { id: '' },
    },
    verify: nonEmpty(['customer', 'id']),
  },
  {
    name: 'searchPage50',
    body: {
      operationName: 'SearchPage',
      query: `query SearchPage($search: String) {
        customers(search: $search, first: 50) {
          nodes {
            id
            ${PROFILE}
            orders(first: 3) { nodes { id channel total { amount currency } placedAt } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }`,
      variables: { search: null },
    },
    verify: nonEmpty(['customers', 'nodes']),
  },
  {
    name: 'journey',
    body: {
      operationName: 'Journey',
      query: `query Journey($id: ID!) {
        customer(id: $id) {
          id
          journey(first: 50) { edges { node { __typename occurredAt channel summary } } pageInfo { hasNextPage endCursor } }
        }
      }`,
      variables: { id: '' },
    },
    verify: nonEmpty(['customer', 'journey']),
  },
  {
    name: 'productAvailability',
    body: {
      operationName: 'ProductAvailability',
      query: `query ProductAvailability($sku: ID!) {
        product(sku: $sku) {
          sku
          name
          online { stock price { amount currency } }
          stores { store { id name } stock price { amount currency } }
        }
      }`,
      variables: { sku: '' },
    },
    verify: nonEmpty(['product', 'sku']),
  },
];

let stack: Awaited<ReturnType<StackModule['startStack']>> | undefined;

function apiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(API_SCHEMA, 'utf8'));
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
  return res.json();
}

export const omnigraphScenario: Scenario = {
  name: 'omnigraph',
  description: `Omnigraph operations, ${PERSONS / 1000}k people, ${STANDIN_LATENCY_MS} ms stand-in latency`,
  gateways: ['omnigraph', 'apollo', 'hive'],
  operations,
  async unavailable() {
    const missing = [
      [ENSURE, 'the data set generator'],
      [STACK, 'the stack launcher'],
      [SUPERGRAPH, 'the composed product supergraph (npm run compose)'],
      [API_SCHEMA, 'the API schema (npm run compose)'],
    ]
      .filter(([file]) => !existsSync(file ?? ''))
      .map(([file, what]) => `${what} (${file?.replace(rootDir, '')})`);
    if (missing.length) return `not ready yet, missing ${missing.join(', ')}`;
    const schema = apiSchema();
    const invalid = operations.flatMap((op) => validate(schema, parse(op.body.query)).map((e) => `${op.name}: ${e.message}`));
    if (invalid.length) return `operations do not match the product schema yet (edit bench/scenarios/omnigraph.ts): ${invalid.join('; ')}`;
    return undefined;
  },
  async setup(ctx: ScenarioContext): Promise<Upstreams> {
    const { ensureDataset } = (await import(ENSURE)) as EnsureModule;
    const { startStack } = (await import(STACK)) as StackModule;
    ctx.log(`data set ${DATA_DIR} (${PERSONS} people; generated on first use)`);
    const dataDir = await ensureDataset(DATA_DIR, { persons: PERSONS });
    const env = Object.fromEntries(SYSTEMS.map((s) => [`system-${s}`, { STANDIN_LATENCY_MS }]));
    stack = await startStack({ dataDir, ports: 'ephemeral', env: { ...env, gateway: { LOG_LEVEL: 'warn' } } });
    ctx.log(`stack ready: subgraphs ${Object.keys(stack.subgraphs).join(', ')}`);

    // Real ids from the data set, picked once through the stack's gateway.
    const picked = (await post(stack.gatewayUrl, `{ customers(first: 50) { nodes { id } } }`)) as { data?: { customers?: { nodes?: { id: string }[] } } };
    const nodes = picked.data?.customers?.nodes ?? [];
    const customerId = nodes[Math.floor(nodes.length / 2)]?.id;
    if (!customerId) throw new Error(`omnigraph scenario: could not pick a customer id: ${JSON.stringify(picked).slice(0, 300)}`);
    const sku = process.env.BENCH_SKU ?? 'SKU-0001'; // TODO: pick from the data set once products are queryable
    for (const op of operations) {
      const vars = op.body.variables ?? {};
      if ('id' in vars) vars.id = customerId;
      if ('sku' in vars) vars.sku = sku;
    }
    const systems = stack.systems;
    const supergraphPath = `${ctx.scratchDir}supergraph-omnigraph.tmp`;
    writeFileSync(supergraphPath, supergraphWithUrls(readFileSync(SUPERGRAPH, 'utf8'), stack.subgraphs));
    return {
      supergraphPath,
      subgraphUrls: stack.subgraphs,
      async upstreamCalls() {
        const counts = await Promise.all(
          Object.entries(systems).map(async ([name, url]) => {
            const res = await fetch(new URL('/__admin/state', url), { signal: AbortSignal.timeout(5_000) });
            return [name, ((await res.json()) as { requests: { total: number } }).requests.total] as const;
          }),
        );
        return Object.fromEntries(counts);
      },
    };
  },
  async teardown() {
    await stack?.stop();
    stack = undefined;
  },
};
