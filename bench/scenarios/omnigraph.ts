import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { loadRegistry } from '../../lib/registry.ts';
import { generateDevKey, internalHeaders, loadInternalKey } from '../../lib/authorization/index.ts';
import { logDir, rootDir, tail } from '../lib/proc.ts';
import { supergraphWithUrls } from '../lib/supergraph.ts';
import type { Operation, Scenario, ScenarioContext, Upstreams } from './types.ts';

/**
 * Omnigraph's own operations on the product stack (scripts/stack.ts): every stand-in system
 * answering with 20 ms of added latency, over a generated data set of 100k people. Measured
 * on A (Omnigraph), B (plain @apollo/gateway) and C (Hive Gateway), each started by the
 * harness against the stack's subgraphs; the stack's own gateway idles. Upstream calls per
 * operation are the stand-in systems' vendor calls (`GET /__admin/state`).
 *
 * The operations are the product's checked-in example operations (schema/operations), so
 * the benchmark measures what frontends send. The scenario reports itself unavailable, with
 * the reason, until the data set generator (systems/generate/ensure.ts) and the composed
 * supergraph exist; an operation not valid against the API schema is left out with a note.
 */
// BENCH_PEOPLE: a smaller data set for a quick trial of the scenario itself.
const PERSONS = Number(process.env.BENCH_PEOPLE ?? 100_000);
const STANDIN_LATENCY_MS = '20';
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
  ensureDataset(dataDir: string, opts?: { people?: number; log?: (line: string) => void }): Promise<string>;
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
    if (node === null || node === undefined || (Array.isArray(node) && node.length === 0))
      return `data.${path.join('.')} is empty (answer: ${JSON.stringify(response).slice(0, 200)})`;
    return undefined;
  };

/** The product's example operations (schema/operations) are what frontends send; measure those. */
const exampleOperation = (file: string): string => {
  const path = `${rootDir}schema/operations/${file}`;
  return existsSync(path) ? readFileSync(path, 'utf8') : `# missing ${path}`;
};

// Variables are filled in by setup() from the data set (a customer linked to many systems, a SKU).
const allOperations: Operation[] = [
  {
    name: 'customer360',
    body: { operationName: 'Customer360', query: exampleOperation('Customer360.graphql'), variables: { id: '' } },
    verify: nonEmpty(['customer', 'id']),
  },
  {
    name: 'searchPage50',
    body: { operationName: 'CustomerSearch', query: exampleOperation('CustomerSearch.graphql'), variables: { search: null, first: 50 } },
    verify: nonEmpty(['customers', 'edges']),
  },
  {
    name: 'journey',
    body: { operationName: 'CustomerJourney', query: exampleOperation('CustomerJourney.graphql'), variables: { id: '', first: 50 } },
    verify: nonEmpty(['customer', 'journey', 'nodes']),
  },
  {
    name: 'productAvailability',
    body: { operationName: 'ProductAvailability', query: exampleOperation('ProductAvailability.graphql'), variables: { sku: '' } },
    verify: nonEmpty(['product', 'sku']),
  },
];
/** The operations valid against the current product schema (set by unavailable()). */
const operations: Operation[] = [];
const notes: string[] = [];

let running: ProductStack | undefined;

function apiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(API_SCHEMA, 'utf8'));
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
  return res.json();
}

export const omnigraphScenario: Scenario = {
  name: 'omnigraph',
  description: `Omnigraph operations, ${PERSONS.toLocaleString('en')} people, ${STANDIN_LATENCY_MS} ms stand-in latency`,
  gateways: ['omnigraph', 'omnigraph-unguarded', 'apollo', 'hive'],
  operations,
  notes,
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
    operations.length = 0;
    notes.length = 0;
    for (const op of allOperations) {
      let errors: string[];
      try {
        errors = validate(schema, parse(op.body.query)).map((e) => e.message);
      } catch (error) {
        errors = [error instanceof Error ? error.message : String(error)];
      }
      if (errors.length) notes.push(`${op.name} not measured: not valid against the product schema yet (${errors.join('; ')})`);
      else operations.push(op);
    }
    if (operations.length === 0) return `no operation is valid against the product schema yet: ${notes.join(' | ')}`;
    return undefined;
  },
  async setup(ctx: ScenarioContext): Promise<Upstreams> {
    running = await startProductStack({ people: PERSONS, scratchDir: ctx.scratchDir, log: ctx.log });
    for (const op of operations) {
      const vars = op.body.variables ?? {};
      if ('id' in vars) vars.id = running.customerId;
      if ('sku' in vars) vars.sku = running.sku;
    }
    return running.upstreams;
  },
  async teardown() {
    await running?.stop();
    running = undefined;
  },
};

/**
 * The identity hub's `runBackfill` admin mutation (idempotent: over an already linked data set
 * it only re-reads the feeds). Over node:http, not fetch: fetch gives up waiting for response
 * headers after 300 s, and a first backfill of 1M people takes longer. Bounded at 60 min.
 */
function runBackfill(identityUrl: string): Promise<string> {
  const body = JSON.stringify({
    query: 'mutation Backfill($key: String!) { runBackfill(idempotencyKey: $key) { recordsRead customersCreated linksCreated suggestionsCreated durationMs sources { name records error } } }',
    variables: { key: `bench-${Date.now()}-${process.pid}` },
  });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      identityUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...internalHeaders(loadInternalKey(process.env), 'identity', { actor: 'bench', roles: ['admin'], requestId: `bench-backfill-${process.pid}`, issuer: 'bench' }),
        },
        timeout: 60 * 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = JSON.parse(text) as { data?: { runBackfill?: { recordsRead: number; customersCreated: number; linksCreated: number; durationMs: number; sources: { name: string; error: string | null }[] } }; errors?: unknown };
          const r = json.data?.runBackfill;
          if (!r) return reject(new Error(`identity backfill failed: ${text.slice(0, 300)}`));
          const failed = r.sources.filter((src) => src.error);
          if (failed.length) return reject(new Error(`identity backfill: feeds failed: ${failed.map((src) => `${src.name} ${src.error}`).join(', ')}`));
          resolve(`${r.recordsRead} records, ${r.customersCreated} new customers, ${r.linksCreated} new links, ${(r.durationMs / 1000).toFixed(1)} s`);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('identity backfill took over 60 min')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The product stack started for a benchmark, with real ids picked from its data set. */
export interface ProductStack {
  upstreams: Upstreams;
  gatewayUrl: string;
  /** The first-page customer linked to the most systems, and the systems it is linked in. */
  customerId: string;
  customerSystems: string[];
  /** The first SKU of the web catalogue. */
  sku: string;
  stop(): Promise<void>;
}

/** Where the data set of `people` people lives (generated on first use by systems/generate/ensure.ts). */
export const dataDirFor = (people: number) => `${rootDir}.data/bench-${people}`;

/**
 * Generates (on first use) the data set of `people` people and starts the product stack on
 * it (scripts/stack.ts, port 0, stand-ins with 20 ms latency, warnings-only logs), then picks
 * real ids through the stack's gateway. The identity hub keeps its database next to the data
 * set (`.data/bench-<people>-identity-db`), never in the shared `.data/identity-db`, so a
 * restart over the same data skips re-linking and other stacks on the machine are untouched.
 * `cache: 'off'` starts the channel subgraphs without their entity cache (every request pays
 * its upstream calls); the default is the cache as shipped.
 */
export async function startProductStack(opts: { people: number; scratchDir: string; log(message: string): void; cache?: 'shipped' | 'off'; name?: string }): Promise<ProductStack> {
  const { ensureDataset } = (await import(ENSURE)) as EnsureModule;
  const { startStack } = (await import(STACK)) as StackModule;
  const wantedDir = dataDirFor(opts.people);
  opts.log(`data set ${wantedDir} (${opts.people} people; generated on first use)`);
  const dataDir = await ensureDataset(wantedDir, { people: opts.people, log: opts.log });
  const manifest = JSON.parse(readFileSync(`${dataDir}/manifest.json`, 'utf8')) as { generator?: string | number; seed?: number };
  const identityDb = `${rootDir}.data/bench-${opts.people}-identity-db-${`${manifest.generator ?? 'own'}-${manifest.seed ?? 0}`.replace(/[^\w.-]+/g, '-')}`;
  // Stand-ins slow like SaaS APIs; subgraphs and the stack's own (idle) gateway log warnings
  // only, so that relaying their output costs the machine nothing under load.
  const env: Record<string, Record<string, string>> = { gateway: { LOG_LEVEL: 'warn' } };
  for (const { name, system } of loadRegistry()) {
    env[name] = { LOG_LEVEL: 'warn', ...(system && opts.cache === 'off' ? { CACHE_STORE: 'off' } : {}) };
    if (system) env[`system-${name}`] = { STANDIN_LATENCY_MS, LOG_LEVEL: 'warn' };
  }
  // The hub starts without its start-up backfill (at 100k people and more it takes longer than
  // the stack's 120 s readiness limit); the bench runs it below, as the admin mutation, unbounded.
  // Feed reads get a minute: on a loaded 2-core machine the stand-ins can take longer than the default 10 s per page.
  env.identity = { ...env.identity, IDENTITY_DB_DIR: identityDb, DATABASE_URL: '', IDENTITY_BACKFILL: 'off', IDENTITY_FEED_TIMEOUT_MS: '60000' };
  mkdirSync(logDir, { recursive: true });
  const logFile = `${logDir}${opts.name ?? 'omnigraph'}-stack.log`;
  const out = createWriteStream(logFile);
  // One internal signing key for the stack and every gateway under test (they inherit this environment).
  process.env.INTERNAL_SIGNING_KEY ??= generateDevKey();
  let stack: Awaited<ReturnType<StackModule['startStack']>>;
  try {
    stack = await startStack({ dataDir, ports: 'ephemeral', env, onOutput: (name, line) => out.write(`[${name}] ${line}\n`) });
  } catch (error) {
    await new Promise((resolve) => out.end(resolve));
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last stack output:\n${tail(logFile, 20)}`);
  }
  const stop = async () => {
    await stack.stop();
    out.end();
  };
  try {
    opts.log(`stack ready: subgraphs ${Object.keys(stack.subgraphs).join(', ')}; identity backfill ...`);
    const backfill = await runBackfill(stack.subgraphs.identity ?? '');
    opts.log(`identity backfill: ${backfill}`);
    // Real ids from the data set, picked once through the stack's gateway: the first-page
    // customer linked to the most systems, and the first SKU of the web catalogue.
    const picked = (await post(stack.gatewayUrl, `{ customers(first: 50) { edges { node { id links { system } } } } products(first: 1) { nodes { sku } } }`)) as {
      data?: { customers?: { edges?: { node: { id: string; links: { system: string }[] } }[] }; products?: { nodes?: { sku: string }[] } };
    };
    const customers = (picked.data?.customers?.edges ?? []).map((e) => e.node);
    const richest = customers.sort((a, b) => new Set(b.links.map((l) => l.system)).size - new Set(a.links.map((l) => l.system)).size)[0];
    const sku = picked.data?.products?.nodes?.[0]?.sku;
    if (!richest || !sku) throw new Error(`omnigraph scenario: could not pick a customer and a SKU: ${JSON.stringify(picked).slice(0, 300)}`);
    const customerSystems = [...new Set(richest.links.map((l) => l.system))];
    opts.log(`customer ${richest.id} (linked in ${customerSystems.join(', ')}), SKU ${sku}`);
    const systems = stack.systems;
    const supergraphPath = `${opts.scratchDir}supergraph-${opts.name ?? 'omnigraph'}.tmp`;
    writeFileSync(supergraphPath, supergraphWithUrls(readFileSync(SUPERGRAPH, 'utf8'), stack.subgraphs));
    const upstreams: Upstreams = {
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
    return { upstreams, gatewayUrl: stack.gatewayUrl, customerId: richest.id, customerSystems, sku, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
