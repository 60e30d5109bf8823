import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { computeComponents } from '../src/pipeline/components.ts';
import { createSubgraph, type IdentitySubgraph } from '../src/server.ts';
import type { Queryable } from '../src/db/index.ts';

const fixtures = new URL('../../../test/fixtures/identity/', import.meta.url);
const readFixture = (name: string): SourceRecord[] =>
  readFileSync(new URL(`${name}.ndjson`, fixtures), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SourceRecord);

/**
 * A test double of channel subgraphs whose records the test changes while the hub runs: serves
 * /<name>/_identity/records with `after`/`limit` paging and `since` (updatedAt >= since), as the
 * channel subgraphs do through their vendors' filters (test/identity-feed-since.test.ts).
 */
async function startFeeds(feeds: Record<string, SourceRecord[]>) {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, name, ...rest] = url.pathname.split('/');
    const all = name ? feeds[name] : undefined;
    if (!all || rest.join('/') !== '_identity/records') return void res.writeHead(404).end();
    const since = url.searchParams.get('since');
    const records = since ? all.filter((r) => Date.parse(r.updatedAt) >= Date.parse(since)) : all;
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const next = after + limit < records.length ? String(after + limit) : null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: records.slice(after, after + limit), next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** Adds or replaces a record, stamped as changed now (the system's clock). */
    put(record: Omit<SourceRecord, 'updatedAt'> & { updatedAt?: string }) {
      const list = (feeds[record.system] ??= []);
      const stamped = { ...record, updatedAt: record.updatedAt ?? new Date().toISOString() } as SourceRecord;
      const at = list.findIndex((r) => r.externalId === record.externalId);
      if (at >= 0) list[at] = stamped;
      else list.push(stamped);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const person = (system: string, externalId: string, fields: Partial<SourceRecord>): Omit<SourceRecord, 'updatedAt'> => ({
  system,
  externalId,
  kind: 'customer',
  givenName: null,
  familyName: null,
  displayName: null,
  emails: [],
  phones: [],
  region: 'TH',
  addresses: [],
  consent: [],
  references: [],
  ...fields,
});

/** Every customer's records, as sorted lists: the clusters, whatever the customer ids. */
async function clusters(db: Queryable): Promise<string[][]> {
  const rows = await db.query<{ members: string[] }>(
    `SELECT array_agg(system || ':' || external_id ORDER BY system, external_id) AS members FROM links GROUP BY customer_id`,
  );
  return rows.map((r) => r.members).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

async function linkOf(db: Queryable, key: string) {
  const [system, externalId] = key.split(':');
  const [row] = await db.query<{ customer_id: string; rule: string; evidence: Record<string, unknown> }>(
    'SELECT customer_id, rule, evidence FROM links WHERE system = $1 AND external_id = $2',
    [system, externalId],
  );
  return row ?? null;
}

const backends = [
  { name: 'embedded PGlite (memory://)', databaseUrl: undefined as string | undefined },
  { name: 'Postgres (DATABASE_URL)', databaseUrl: process.env.DATABASE_URL },
];

for (const backend of backends) {
  const postgres = backend.name.startsWith('Postgres');
  describe.skipIf(postgres && !backend.databaseUrl)(`real-time identity sync on ${backend.name}`, () => { // skipped without DATABASE_URL: no Postgres to run against
    const schemas: string[] = [];
    const hubs: IdentitySubgraph[] = [];
    const feedServers: Awaited<ReturnType<typeof startFeeds>>[] = [];

    /** A hub (its own database, or `schema` shared with another hub on Postgres) over these feeds. */
    async function hub(feeds: Awaited<ReturnType<typeof startFeeds>>, opts: { schema?: string } = {}) {
      let schema = opts.schema;
      if (postgres && !schema) {
        schema = `identity_sync_${randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: backend.databaseUrl });
        await client.connect();
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.end();
        schemas.push(schema);
      }
      const config = loadSubgraphConfig({
        PORT: '0',
        IDENTITY_DB_DIR: 'memory://',
        ...(backend.databaseUrl ? { DATABASE_URL: backend.databaseUrl } : {}),
        IDENTITY_SOURCES: ['crm', 'pos', 'shop'].map((s) => `${s}=${feeds.base}/${s}`).join(','),
        IDENTITY_FEED_PAGE_SIZE: '3',
        IDENTITY_MAX_RECORDS_PER_VALUE: '4',
        IDENTITY_SYNC_OVERLAP_MS: '1000',
        DEFAULT_PHONE_REGION: 'TH',
      });
      const subgraph = createSubgraph(config, schema ? { schema } : {});
      hubs.push(subgraph);
      const store = await subgraph.ready();
      return { subgraph, store, db: store.db, schema, sync: await subgraph.sync() };
    }

    async function feedsOf(records: Record<string, SourceRecord[]>) {
      const feeds = await startFeeds(records);
      feedServers.push(feeds);
      return feeds;
    }

    afterAll(async () => {
      for (const h of hubs) await h.close?.();
      for (const f of feedServers) await f.close();
      for (const schema of schemas) {
        const client = new pg.Client({ connectionString: backend.databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
    });

    describe('a record created after the backfill', () => {
      let feeds: Awaited<ReturnType<typeof startFeeds>>;
      let h: Awaited<ReturnType<typeof hub>>;
      beforeAll(async () => {
        feeds = await feedsOf({ crm: readFixture('crm'), pos: readFixture('pos'), shop: [] });
        h = await hub(feeds);
        await h.subgraph.backfill();
      }, 120_000);

      it('is linked to the customer it matches at the next sync tick, reading only what changed', async () => {
        const somchai = await linkOf(h.db, 'crm:101');
        feeds.put(person('shop', '9001', { givenName: 'Somchai', familyName: 'Jaidee', emails: ['Somchai.J@gmail.com'] }));
        const tick = await h.sync.tick();
        expect(tick.errors).toEqual({});
        expect(tick.changed).toBe(1);
        // Incremental: the shop feed gave its one new record; the others only what changed around their watermarks.
        expect(tick.read.shop).toBe(1);
        expect((tick.read.crm ?? 0) + (tick.read.pos ?? 0)).toBeLessThan(5);
        // gmail ignores dots: the evidence is the canonical address.
        expect(await linkOf(h.db, 'shop:9001')).toMatchObject({ customer_id: somchai!.customer_id, rule: 'EMAIL', evidence: { email: 'somchaij@gmail.com' }});
        const audit = await h.db.query<{ actor: string; reason: string }>(`SELECT actor, reason FROM audit_log WHERE details->>'externalId' = '9001'`);
        expect(audit).toEqual([{ actor: 'backfill', reason: 'automatic matching' }]);
      });

      it('changes nothing on a tick with nothing new', async () => {
        const before = await clusters(h.db);
        const tick = await h.sync.tick();
        expect(tick.changed).toBe(0);
        expect(tick.linked).toEqual({ customersCreated: 0, linksCreated: 0, suggestionsCreated: 0 });
        expect(await clusters(h.db)).toEqual(before);
      });

      it('links a changed record by its new values, never moving an existing link', async () => {
        feeds.put(person('pos', 'SQ-NEW', { givenName: 'Kanya', familyName: 'Deeprom', phones: ['089 555 0101'] }));
        await h.sync.tick();
        const alone = await linkOf(h.db, 'pos:SQ-NEW');
        expect(alone).toMatchObject({ rule: 'FIRST_RECORD' });
        // The shop record now carries Kanya's phone too; it keeps its link (Somchai's customer)...
        feeds.put(person('shop', '9001', { givenName: 'Somchai', familyName: 'Jaidee', emails: ['somchai.j@gmail.com'], phones: ['089 555 0101'] }));
        // ...and a new CRM contact with Kanya's phone and name joins Kanya.
        feeds.put(person('crm', 'C-NEW', { kind: 'contact', givenName: 'Kanya', familyName: 'Deeprom', phones: ['+66 89 555 0101'] }));
        await h.sync.tick();
        expect((await linkOf(h.db, 'shop:9001'))!.customer_id).toBe((await linkOf(h.db, 'crm:101'))!.customer_id);
        expect(await linkOf(h.db, 'crm:C-NEW')).toMatchObject({ customer_id: alone!.customer_id, rule: 'PHONE_AND_NAME' });
      });

      it('suggests, never merges, when a new record joins two existing customers', async () => {
        feeds.put(person('crm', 'C-MT', { kind: 'contact', givenName: 'Minh', familyName: 'Tran', emails: ['minh.tran@zing.vn'], region: 'VN' }));
        feeds.put(person('pos', 'SQ-MT', { givenName: 'Minh', familyName: 'Tran', phones: ['+84 90 777 1234'], region: 'VN' }));
        await h.sync.tick();
        const a = await linkOf(h.db, 'crm:C-MT');
        const b = await linkOf(h.db, 'pos:SQ-MT');
        expect(a!.customer_id).not.toBe(b!.customer_id);
        feeds.put(person('shop', '9002', { givenName: 'Minh', familyName: 'Tran', emails: ['minh.tran@zing.vn'], phones: ['090 777 1234'], region: 'VN' }));
        const tick = await h.sync.tick();
        expect(tick.linked.suggestionsCreated).toBe(1);
        expect((await linkOf(h.db, 'crm:C-MT'))!.customer_id).toBe(a!.customer_id);
        expect((await linkOf(h.db, 'pos:SQ-MT'))!.customer_id).toBe(b!.customer_id);
        expect([a!.customer_id, b!.customer_id]).toContain((await linkOf(h.db, 'shop:9002'))!.customer_id);
        const [suggestion] = await h.db.query<{ rule: string; evidence: { reason: string } }>(
          `SELECT rule, evidence FROM match_suggestions WHERE system_a = 'crm' AND external_id_a = 'C-MT' AND system_b = 'pos' AND external_id_b = 'SQ-MT'`,
        );
        expect(suggestion?.evidence.reason).toBe('LINKED_TO_DIFFERENT_CUSTOMERS');
      });

      it('links a record stored but not linked before a crash at the next tick (pending survives)', async () => {
        feeds.put(person('shop', '9003', { givenName: 'Lan', familyName: 'Nguyen', emails: ['lan.nguyen@yahoo.com'], region: 'VN' }));
        // Store without linking, as a process that died between the two would have left it.
        const { ingestRecords } = await import('../src/pipeline/ingest.ts');
        await h.db.transaction((tx) =>
          ingestRecords(tx, [{ ...person('shop', '9003', { givenName: 'Lan', familyName: 'Nguyen', emails: ['lan.nguyen@yahoo.com'], region: 'VN' }), updatedAt: new Date().toISOString() }], {
            defaultRegion: 'TH',
            phoneMarkets: ['TH', 'VN', 'PL'],
            markPending: true,
          }),
        );
        expect(await linkOf(h.db, 'shop:9003')).toBeNull();
        await h.sync.linkPending();
        expect((await linkOf(h.db, 'shop:9003'))!.customer_id).toBe((await linkOf(h.db, 'crm:103'))!.customer_id);
        expect(await h.db.query('SELECT rid FROM source_records WHERE pending IS NOT NULL')).toEqual([]);
      });
    });

    describe('incremental and full reconciliation', () => {
      const all = () => {
        const records = [...readFixture('crm'), ...readFixture('pos')];
        // Later records: a second shop account and POS visits of people already known, one stranger.
        records.push(
          { ...person('shop', '9101', { givenName: 'Anna', familyName: 'Kowalska', emails: ['anna.kowalska@wp.pl'], region: 'PL' }), updatedAt: '2026-02-01T00:00:00Z' },
          { ...person('shop', '9102', { givenName: 'Somchai', familyName: 'Jaidee', phones: ['0812345678'] }), updatedAt: '2026-02-02T00:00:00Z' },
          { ...person('shop', '9103', { givenName: 'Ewa', familyName: 'Wiśniewska', emails: ['ewa.w@onet.pl'], region: 'PL' }), updatedAt: '2026-02-03T00:00:00Z' },
        );
        return records;
      };
      const bySystem = (records: SourceRecord[]) => ({
        crm: records.filter((r) => r.system === 'crm'),
        pos: records.filter((r) => r.system === 'pos'),
        shop: records.filter((r) => r.system === 'shop'),
      });
      let incremental: Awaited<ReturnType<typeof hub>>;
      let full: Awaited<ReturnType<typeof hub>>;
      let feeds: Awaited<ReturnType<typeof startFeeds>>;

      beforeAll(async () => {
        // Incremental: the hub backfills the older half, then the rest arrives record by record through sync.
        const records = all().sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
        const half = Math.floor(records.length / 2);
        feeds = await feedsOf(bySystem(records.slice(0, half)));
        incremental = await hub(feeds);
        await incremental.subgraph.backfill();
        for (const record of records.slice(half)) {
          feeds.put({ ...record, updatedAt: new Date().toISOString() });
          await incremental.sync.tick();
        }
        // Full: a fresh hub reads everything at once.
        full = await hub(await feedsOf(bySystem(all())));
        await full.subgraph.backfill();
      }, 180_000);

      it('reach the same clusters', async () => {
        const fromSync = await clusters(incremental.db);
        expect(fromSync.flat()).toHaveLength(all().length);
        expect(fromSync).toEqual(await clusters(full.db));
      });

      it('a full reconciliation after sync changes nothing', async () => {
        const before = await clusters(incremental.db);
        const report = await incremental.subgraph.backfill();
        expect(report).toMatchObject({ linksCreated: 0, customersCreated: 0, suggestionsCreated: 0 });
        expect(await clusters(incremental.db)).toEqual(before);
      });

      it("keeps people's merges, unmerges, unlinks and rejections through sync and full reconciliation", async () => {
        const { store, db } = incremental;
        const actor = 'alice@retail.example';
        // Merge Anna into Ewa's customer (a person decided), then split the CRM contact 101 off Somchai.
        const anna = (await linkOf(db, 'crm:102'))!.customer_id;
        const ewa = (await linkOf(db, 'shop:9103'))!.customer_id;
        const merge = await store.mergeCustomers(actor, { idempotencyKey: 'm1', survivorId: ewa, mergedId: anna, reason: 'test' });
        await store.unlinkRecord(actor, { idempotencyKey: 'u1', system: 'crm', externalId: '101', reason: 'test' });
        // Reject every open suggestion.
        const open = await db.query<{ id: string }>(`SELECT id::text AS id FROM match_suggestions WHERE status = 'open'`);
        for (const s of open) await store.decideSuggestion(actor, { idempotencyKey: `r${s.id}`, id: s.id, accept: false, reason: 'different people' });
        // A merge undone: merge two others, then unmerge.
        const lan = (await linkOf(db, 'crm:103'))!.customer_id;
        const piotr = (await linkOf(db, 'pos:SQB'))!.customer_id;
        const undone = await store.mergeCustomers(actor, { idempotencyKey: 'm2', survivorId: lan, mergedId: piotr, reason: 'test' });
        await store.unmergeCustomer(actor, { idempotencyKey: 'um2', mergeId: undone.mergeId, reason: 'test' });
        const decided = await clusters(db);
        const suggestions = await db.query('SELECT system_a, external_id_a, system_b, external_id_b, status FROM match_suggestions ORDER BY id');

        // New evidence for every decided pair arrives, then sync and a full reconciliation run.
        feeds.put(person('shop', '9201', { givenName: 'Somchai', familyName: 'Jaidee', emails: ['somchai.j@gmail.com'], phones: ['+66 81 234 5678'] }));
        feeds.put(person('pos', 'SQ-9202', { givenName: 'Piotr', familyName: 'Kowalski', phones: ['512 345 678'], region: 'PL' }));
        await incremental.sync.tick();
        await incremental.subgraph.backfill();

        const after = await clusters(db);
        // Every record decided on is still where the person put it; new records only joined clusters.
        for (const cluster of decided) expect(after.some((c) => cluster.every((m) => c.includes(m)))).toBe(true);
        expect(after.find((c) => c.includes('crm:101'))).toEqual(['crm:101']);
        expect(after.find((c) => c.includes('crm:102'))).toEqual(expect.arrayContaining(['crm:102', 'shop:9103']));
        expect((await linkOf(db, 'pos:SQB'))!.customer_id).not.toBe((await linkOf(db, 'crm:103'))!.customer_id);
        expect((await linkOf(db, 'crm:101'))!.rule).toBe('MANUAL');
        // Rejections stand and are not suggested again.
        const now = await db.query('SELECT system_a, external_id_a, system_b, external_id_b, status FROM match_suggestions ORDER BY id');
        expect(now.slice(0, suggestions.length)).toEqual(suggestions);
        expect(merge.survivorId).toBe(ewa);
      });
    });

    it('keeps an over-shared value from chaining strangers into one component', { timeout: 120_000 }, async () => {
      // A store's own phone typed for ten walk-ins, each of whom also shares an email with one shop account.
      const pos = Array.from({ length: 10 }, (_, i) =>
        ({ ...person('pos', `W${i}`, { givenName: `Walkin${i}`, familyName: 'Customer', emails: [`walkin${i}@mail.co.th`], phones: ['02 123 4567'] }), updatedAt: '2026-01-01T00:00:00Z' }),
      );
      const shop = Array.from({ length: 10 }, (_, i) =>
        ({ ...person('shop', `S${i}`, { givenName: `Walkin${i}`, familyName: 'Customer', emails: [`walkin${i}@mail.co.th`] }), updatedAt: '2026-01-01T00:00:00Z' }),
      );
      const feeds = await feedsOf({ crm: [], pos, shop });
      const h = await hub(feeds);
      await h.subgraph.backfill();
      const { stats } = await computeComponents(h.db, 4, 100);
      expect(stats).toEqual({ records: 20, components: 10, largest: 2 });
      const found = await clusters(h.db);
      expect(found).toHaveLength(10);
      expect(found.every((c) => c.length === 2)).toBe(true);
    });

    it.skipIf(!postgres)('two hub processes syncing one database link each new record once', { timeout: 120_000 }, async () => { // Postgres only: PGlite is one process's own database
      const feeds = await feedsOf({ crm: readFixture('crm'), pos: readFixture('pos'), shop: [] });
      const a = await hub(feeds);
      const b = await hub(feeds, { schema: a.schema! });
      await a.subgraph.backfill();
      // Ten pairs of new shop accounts sharing an email, one of them Lan's (a CRM contact already known).
      for (let i = 0; i < 20; i++) {
        const email = i < 2 ? 'lan.nguyen@yahoo.com' : `pair${Math.floor(i / 2)}@mail.vn`;
        feeds.put(person('shop', `P${i}`, { givenName: 'Lan', familyName: 'Nguyen', emails: [email], region: 'VN' }));
      }
      const [ta, tb] = await Promise.all([a.sync.tick(), b.sync.tick()]);
      // Each source was read by one of them (the claim), and every new record was linked once.
      expect((ta.read.shop ?? 0) + (tb.read.shop ?? 0)).toBe(20);
      expect(ta.linked.linksCreated + tb.linked.linksCreated).toBe(20);
      const [{ n }] = (await a.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE details->>'system' = 'shop'`)) as [{ n: number }];
      expect(n).toBe(20);
      const lan = (await linkOf(a.db, 'crm:103'))!.customer_id;
      expect((await linkOf(a.db, 'shop:P0'))!.customer_id).toBe(lan);
      expect((await linkOf(a.db, 'shop:P1'))!.customer_id).toBe(lan);
      for (let i = 2; i < 20; i += 2) expect((await linkOf(a.db, `shop:P${i}`))!.customer_id).toBe((await linkOf(a.db, `shop:P${i + 1}`))!.customer_id);
      expect(new Set(await Promise.all(Array.from({ length: 10 }, async (_, k) => (await linkOf(a.db, `shop:P${2 * k}`))!.customer_id))).size).toBe(10);
    });
  });
}
