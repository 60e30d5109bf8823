import pg from 'pg';
import { loadRegistry, type SubgraphEntry } from '../../../../lib/registry.ts';
import { generateDevKey, internalHeaders, loadInternalKey, type InternalKey } from '../../../../lib/authorization/index.ts';
import { ProcessGroup } from '../../../../scripts/supervise.ts';
import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import type { IdentitySource } from '../config.ts';
import { readFeed } from '../pipeline/feed.ts';

/**
 * The real path a user runs, for one data set: the stand-in systems load the folder, the
 * channel subgraphs serve their identity feeds, the identity hub starts with an empty
 * database (in-memory PGlite, or a fresh database on the Postgres server of `databaseUrl`)
 * and links everything in its start-up backfill. The links are then read through the hub's
 * GraphQL API, as a client would. No gateway, no aggregates: the hub is reached directly.
 */

export interface LinkedRun {
  /** `system:externalId` → customer id. */
  customerOf: Map<string, string>;
  /** Wall time from the hub's start to its ready signal (its start-up backfill). */
  backfillMs: number;
  /** Every record the channel feeds served (only with `readRecords`, for --explain-missed). */
  records?: SourceRecord[];
}

export interface RunOptions {
  dataDir: string;
  /** Postgres server to use (a fresh database is created on it and dropped after); unset = in-memory PGlite. */
  databaseUrl?: string;
  /** Extra environment of the hub (thresholds of a new matcher, for instance). */
  hubEnv?: Record<string, string>;
  readyTimeoutMs?: number;
  onOutput?: (name: string, line: string) => void;
  /** Also read every channel feed, as the hub did, after linking (for --explain-missed). */
  readRecords?: boolean;
}

/** A database of its own on the server of `url`; returns its URL and how to drop it. */
async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `omnigraph_eval_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

interface CustomersPage {
  data?: { customers: { edges: { node: { id: string; links: { system: string; externalId: string }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  errors?: { message: string }[];
}

/** Every customer's links, page by page through the hub's `customers` query. */
export async function readLinks(hubUrl: string, key: InternalKey): Promise<Map<string, string>> {
  const url = new URL(hubUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  const customerOf = new Map<string, string>();
  let after: string | null = null;
  for (;;) {
    const res = await fetch(url, {
      method: 'POST',
      // The hub answers only signed internal calls.
      headers: { 'content-type': 'application/json', ...internalHeaders(key, 'identity', { actor: 'identity-evaluate', roles: ['admin'], requestId: 'identity-evaluate', issuer: 'test' }) },
      body: JSON.stringify({
        query: 'query($after: String) { customers(first: 100, after: $after) { edges { node { id links { system externalId } } } pageInfo { hasNextPage endCursor } } }',
        variables: { after },
      }),
    });
    const body = (await res.json()) as CustomersPage;
    if (!body.data) throw new Error(`identity hub answered ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    for (const edge of body.data.customers.edges) for (const l of edge.node.links) customerOf.set(`${l.system}:${l.externalId}`, edge.node.id);
    if (!body.data.customers.pageInfo.hasNextPage) return customerOf;
    after = body.data.customers.pageInfo.endCursor;
  }
}

export async function runIdentityPath(opts: RunOptions): Promise<LinkedRun> {
  const registry = loadRegistry();
  // One key for this run's processes, as `npm start` makes one per stack.
  const secret = process.env.INTERNAL_SIGNING_KEY ?? generateDevKey();
  const key = loadInternalKey({ ...process.env, INTERNAL_SIGNING_KEY: secret });
  const group = new ProcessGroup({ readyTimeoutMs: opts.readyTimeoutMs ?? 600_000, ...(opts.onOutput ? { onOutput: opts.onOutput } : {}) });
  const startProcess = (name: string, entry: string, env: Record<string, string>) => group.start(name, entry, { INTERNAL_SIGNING_KEY: secret, ...env });
  const db = opts.databaseUrl ? await freshDatabase(opts.databaseUrl) : null;
  try {
    const channels = registry.filter((e): e is SubgraphEntry & { system: { port: number } } => e.system !== null);
    const systems = Object.fromEntries(
      await Promise.all(channels.map(async (e) => [e.name, await startProcess(`system-${e.name}`, `systems/${e.name}/src/index.ts`, { PORT: '0', DATA_DIR: opts.dataDir })] as const)),
    );
    const feeds: IdentitySource[] = await Promise.all(
      channels.map(async (e) => ({ name: e.name, baseUrl: new URL(await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { PORT: '0', UPSTREAM_URL: systems[e.name] ?? '' })).origin })),
    );
    const started = performance.now();
    const hubUrl = await startProcess(
      'identity',
      'subgraphs/identity/src/index.ts',
      {
        PORT: '0',
        IDENTITY_SOURCES: feeds.map((f) => `${f.name}=${f.baseUrl}`).join(','),
        IDENTITY_BACKFILL: 'on-start',
        ...(db ? { DATABASE_URL: db.url } : { DATABASE_URL: '', IDENTITY_DB_DIR: 'memory://' }),
        ...opts.hubEnv,
      },
    );
    const backfillMs = performance.now() - started;
    const customerOf = await readLinks(hubUrl, key);
    if (!opts.readRecords) return { customerOf, backfillMs };
    // The feeds are signed internal calls: this process signs as the hub with the run's key.
    process.env.INTERNAL_SIGNING_KEY = secret;
    const records: SourceRecord[] = [];
    for (const feed of feeds) for await (const page of readFeed(feed, { limit: 500, timeoutMs: 120_000 })) records.push(...page);
    return { customerOf, backfillMs, records };
  } finally {
    await group.stop();
    await db?.drop();
  }
}
