import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { postGraphQL, signedAs } from '../../../test/helpers/component.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { createSubgraph } from '../src/server.ts';
import type { IdentityStore } from '../src/store.ts';

const fixtures = new URL('../../../test/fixtures/identity/', import.meta.url);
const readFeed = (name: string): SourceRecord[] =>
  readFileSync(new URL(`${name}.ndjson`, fixtures), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SourceRecord);

/** Serves SourceRecord feeds at /<name>/_identity/records, one page each. */
async function startFeeds(feeds: Record<string, SourceRecord[]>) {
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.split('/')[1] ?? '';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: feeds[name] ?? [], next: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const STATS = `{ channelStatistics {
  customers linkedRecords computedAt
  systems { system customers linkedRecords share }
  overlap { systemCount customers }
  combinations(first: 100) { systems customers }
  top: combinations(first: 1) { systems customers }
} }`;

interface Stats {
  customers: number;
  linkedRecords: number;
  computedAt: string;
  systems: { system: string; customers: number; linkedRecords: number; share: number }[];
  overlap: { systemCount: number; customers: number }[];
  combinations: { systems: string[]; customers: number }[];
  top: { systems: string[]; customers: number }[];
}

/** The same numbers computed the slow way, from every link row, to check the SQL against. */
function expectedFrom(rows: { system: string; customer_id: string }[]) {
  const byCustomer = new Map<string, Set<string>>();
  for (const r of rows) byCustomer.set(r.customer_id, (byCustomer.get(r.customer_id) ?? new Set()).add(r.system));
  const systems = [...new Set(rows.map((r) => r.system))].sort();
  const combos = new Map<string, number>();
  for (const set of byCustomer.values()) {
    const key = [...set].sort().join(',');
    combos.set(key, (combos.get(key) ?? 0) + 1);
  }
  const overlap = new Map<number, number>();
  for (const set of byCustomer.values()) overlap.set(set.size, (overlap.get(set.size) ?? 0) + 1);
  return {
    customers: byCustomer.size,
    linkedRecords: rows.length,
    systems: systems.map((system) => {
      const customers = [...byCustomer.values()].filter((s) => s.has(system)).length;
      return { system, customers, linkedRecords: rows.filter((r) => r.system === system).length, share: customers / byCustomer.size };
    }),
    overlap: [...overlap.entries()].sort(([a], [b]) => a - b).map(([systemCount, customers]) => ({ systemCount, customers })),
    combinations: [...combos.entries()].map(([key, customers]) => ({ systems: key.split(','), customers })),
  };
}

const backends = [
  { name: 'embedded PGlite (memory://)', databaseUrl: undefined as string | undefined },
  { name: 'Postgres (DATABASE_URL)', databaseUrl: process.env.DATABASE_URL },
];

for (const backend of backends) {
  const postgres = backend.name.startsWith('Postgres');
  describe.skipIf(postgres && !backend.databaseUrl)(`channel statistics on ${backend.name}`, () => { // skipped without DATABASE_URL: no Postgres to run against
    let feeds: Awaited<ReturnType<typeof startFeeds>>;
    let running: RunningSubgraph;
    let store: IdentityStore;
    let schema: string | undefined;
    const admin = signedAs('identity', { actor: 'analyst@retail.example', roles: ['admin'] });
    const gql = <T>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(running.url, query, variables, admin);

    beforeAll(async () => {
      if (postgres) {
        schema = `identity_stats_${randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: backend.databaseUrl });
        await client.connect();
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.end();
      }
      feeds = await startFeeds({ crm: readFeed('crm'), pos: readFeed('pos') });
      const subgraph = createSubgraph(
        loadSubgraphConfig({
          PORT: '0',
          IDENTITY_DB_DIR: 'memory://',
          ...(backend.databaseUrl ? { DATABASE_URL: backend.databaseUrl } : {}),
          IDENTITY_SOURCES: `crm=${feeds.base}/crm,pos=${feeds.base}/pos`,
          DEFAULT_PHONE_REGION: 'TH',
        }),
        schema ? { schema } : {},
      );
      store = await subgraph.ready();
      await subgraph.backfill();
      running = await startSubgraph(subgraph, { port: 0 });
    });

    afterAll(async () => {
      await running?.close();
      await feeds?.close();
      if (schema) {
        const client = new pg.Client({ connectionString: backend.databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
    });

    it('counts customers and linked records per system, overlap and combinations as the links say', async () => {
      const res = await gql<{ channelStatistics: Stats }>(STATS);
      expect(res.errors).toBeUndefined();
      const stats = res.data!.channelStatistics;
      const expected = expectedFrom(await store.db.query<{ system: string; customer_id: string }>('SELECT system, customer_id FROM links'));
      expect(expected.customers).toBeGreaterThan(0);
      expect(stats).toMatchObject({ customers: expected.customers, linkedRecords: expected.linkedRecords, systems: expected.systems, overlap: expected.overlap });
      expect(stats.combinations).toEqual(expect.arrayContaining(expected.combinations));
      expect(stats.combinations).toHaveLength(expected.combinations.length);
      // Most common first, and `first` limits the list.
      const counts = stats.combinations.map((c) => c.customers);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(stats.top).toEqual([stats.combinations[0]]);
      // The fixtures: 15 records over crm (7) and pos (8), some people in both.
      expect(stats.linkedRecords).toBe(15);
      expect(stats.overlap.map((o) => o.systemCount)).toEqual([1, 2]);
    });

    it('moves a customer between combinations when a merge joins their records', async () => {
      const before = (await gql<{ channelStatistics: Stats }>(STATS)).data!.channelStatistics;
      const [crmOnly, posOnly] = await Promise.all(
        ['crm', 'pos'].map(async (system) =>
          String(
            (
              await store.db.query<{ customer_id: string }>(
                `SELECT customer_id FROM links GROUP BY customer_id HAVING bool_and(system = $1) ORDER BY customer_id LIMIT 1`,
                [system],
              )
            )[0]!.customer_id,
          ),
        ),
      );
      const merged = await gql(
        `mutation($key: String!, $survivor: ID!, $merged: ID!) { mergeCustomers(idempotencyKey: $key, survivorId: $survivor, mergedId: $merged, reason: "same person, checked by phone") { mergeId } }`,
        { key: `stats-merge-${randomBytes(4).toString('hex')}`, survivor: crmOnly, merged: posOnly },
      );
      expect(merged.errors).toBeUndefined();
      const after = (await gql<{ channelStatistics: Stats }>(STATS)).data!.channelStatistics;
      expect(after.customers).toBe(before.customers - 1);
      expect(after.linkedRecords).toBe(before.linkedRecords);
      const both = (s: Stats) => s.overlap.find((o) => o.systemCount === 2)?.customers ?? 0;
      expect(both(after)).toBe(both(before) + 1);
    });

    it('refuses a combinations page outside 1-100', async () => {
      const res = await gql(`{ channelStatistics { combinations(first: 0) { customers } } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });
}
