import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { postGraphQL, signedAs } from '../../../test/helpers/component.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { evaluate } from '../src/evaluate.ts';
import { createSubgraph, type IdentitySubgraph } from '../src/server.ts';
import type { IdentityStore } from '../src/store.ts';

const fixtures = new URL('../../../test/fixtures/identity/', import.meta.url);
const readFeed = (name: string): SourceRecord[] =>
  readFileSync(new URL(`${name}.ndjson`, fixtures), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SourceRecord);
const groundTruth = fileURLToPath(new URL('ground-truth.ndjson', fixtures));

/**
 * A test double of channel subgraphs: serves SourceRecord feeds at /<name>/_identity/records
 * with cursor paging, and counts the pages asked for.
 */
async function startFeeds(feeds: Record<string, SourceRecord[]>) {
  const pages: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, name, ...rest] = url.pathname.split('/');
    const records = name ? feeds[name] : undefined;
    if (!records || rest.join('/') !== '_identity/records') {
      res.writeHead(404).end();
      return;
    }
    pages[name!] = (pages[name!] ?? 0) + 1;
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const slice = records.slice(after, after + limit);
    const next = after + limit < records.length ? String(after + limit) : null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: slice, next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, pages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: the "shop" source is down for the whole suite. */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const CUSTOMER_FIELDS = `
  id
  createdAt
  links { system externalId rule evidence linkedAt }
  profile {
    name { value source { system externalId } updatedAt }
    givenName { value source { system externalId } }
    primaryEmail { value source { system externalId } updatedAt }
    emails { value source { system externalId } }
    phones { value source { system externalId } updatedAt }
    addresses { line1 city country source { system externalId } }
    consent { channel state source { system externalId } updatedAt }
  }
`;

interface Link {
  system: string;
  externalId: string;
  rule: string;
  evidence: Record<string, unknown>;
}
interface Value {
  value: string;
  source: { system: string; externalId: string };
  updatedAt?: string;
}
interface CustomerResult {
  id: string;
  links: Link[];
  profile: {
    name: Value | null;
    givenName: Value | null;
    primaryEmail: Value | null;
    emails: Value[];
    phones: Value[];
    addresses: { line1: string; city: string; source: Value['source'] }[];
    consent: { channel: string; state: string; source: Value['source'] | null }[];
  };
}

const backends = [
  { name: 'embedded PGlite (memory://)', databaseUrl: undefined as string | undefined },
  { name: 'Postgres (DATABASE_URL)', databaseUrl: process.env.DATABASE_URL },
];

for (const backend of backends) {
  const postgres = backend.name.startsWith('Postgres');
  describe.skipIf(postgres && !backend.databaseUrl)(`identity hub on ${backend.name}`, () => { // skipped without DATABASE_URL: no Postgres to run against
    let feeds: Awaited<ReturnType<typeof startFeeds>>;
    let subgraph: IdentitySubgraph;
    let running: RunningSubgraph;
    let store: IdentityStore;
    let schema: string | undefined;
    let startReport: Awaited<ReturnType<IdentitySubgraph['backfill']>>;
    const admin = signedAs('identity', { actor: 'alice@retail.example', roles: ['admin'] });
    const gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = admin) =>
      postGraphQL<T>(running.url, query, variables, headers);
    const count = async (table: string) => Number((await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
    const customerOf = async (system: string, externalId: string) =>
      (
        await gql<{ customerBySourceId: CustomerResult | null }>(
          `query($s: String!, $e: ID!) { customerBySourceId(system: $s, externalId: $e) { ${CUSTOMER_FIELDS} } }`,
          { s: system, e: externalId },
        )
      ).data?.customerBySourceId ?? null;

    beforeAll(async () => {
      if (postgres) {
        schema = `identity_test_${randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: backend.databaseUrl });
        await client.connect();
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.end();
      }
      feeds = await startFeeds({ crm: readFeed('crm'), pos: readFeed('pos') });
      const config = loadSubgraphConfig({
        PORT: '0',
        IDENTITY_DB_DIR: 'memory://',
        ...(backend.databaseUrl ? { DATABASE_URL: backend.databaseUrl } : {}),
        IDENTITY_SOURCES: `crm=${feeds.base}/crm,pos=${feeds.base}/pos,shop=${await deadUrl()}`,
        IDENTITY_FEED_PAGE_SIZE: '3',
        IDENTITY_MAX_RECORDS_PER_VALUE: '4',
        DEFAULT_PHONE_REGION: 'TH',
      });
      subgraph = createSubgraph(config, schema ? { schema } : {});
      store = await subgraph.ready();
      startReport = await subgraph.backfill();
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

    it('backfills every reachable feed page by page and reports the source that is down', () => {
      expect(startReport.sources).toEqual([
        { name: 'crm', records: 7, error: null },
        { name: 'pos', records: 8, error: null },
        { name: 'shop', records: 0, error: expect.stringMatching(/^UPSTREAM_UNAVAILABLE/) },
      ]);
      // 7 crm records in pages of 3 = 3 pages; 8 pos records = 3 pages.
      expect(feeds.pages).toEqual({ crm: 3, pos: 3 });
      expect(startReport).toMatchObject({ recordsRead: 15, linksCreated: 15, customersCreated: 9 });
      expect(startReport.suggestionsCreated).toBeGreaterThanOrEqual(1);
    });

    it('links the same person across systems and says which rule linked each record', async () => {
      const customer = await customerOf('pos', 'SQA');
      expect(customer).not.toBeNull();
      expect(customer!.id).toMatch(/^cus_[a-z2-7]{16}$/);
      expect((await customerOf('crm', '101'))!.id).toBe(customer!.id);
      const rules = Object.fromEntries(customer!.links.map((l) => [`${l.system}:${l.externalId}`, l.rule]));
      expect(rules).toEqual({ 'crm:101': 'FIRST_RECORD', 'crm:106': 'EMAIL', 'pos:SQA': 'PHONE_AND_NAME' });
      const phoneLink = customer!.links.find((l) => l.externalId === 'SQA')!;
      expect(phoneLink.evidence).toMatchObject({ phone: '+66817394562', matchedWith: 'crm:101' });

      expect((await customerOf('pos', 'SQC'))!.links.find((l) => l.externalId === 'SQC')).toMatchObject({
        rule: 'EXPLICIT_REFERENCE',
        evidence: { via: 'square reference_id' },
      });
      expect((await customerOf('pos', 'SQE'))!.links.map((l) => l.rule).sort()).toEqual(['FIRST_RECORD', 'PHONE_ONLY']);
      expect((await customerOf('pos', 'SQH'))!.links.map((l) => l.rule).sort()).toEqual(['EMAIL', 'FIRST_RECORD']);
    });

    it('keeps a shared family phone apart and suggests the pair instead', async () => {
      const anna = await customerOf('crm', '102');
      const piotr = await customerOf('pos', 'SQB');
      expect(anna!.id).not.toBe(piotr!.id);
      const res = await gql<{ matchSuggestions: { edges: { node: { rule: string; evidence: { phone: string }; a: Value['source']; customerA: { id: string }; customerB: { id: string } } }[] } }>(
        `{ matchSuggestions(status: OPEN) { edges { node { id rule evidence a { system externalId } b { system externalId } customerA { id } customerB { id } status } } } }`,
      );
      const family = res.data!.matchSuggestions.edges.map((e) => e.node).find((n) => n.evidence.phone === '+48512847396');
      expect(family).toMatchObject({ rule: 'SHARED_PHONE', a: { system: 'crm', externalId: '102' }, customerA: { id: anna!.id }, customerB: { id: piotr!.id } });
    });

    it('never matches on placeholder values', async () => {
      expect((await customerOf('pos', 'SQF'))!.id).not.toBe((await customerOf('pos', 'SQG'))!.id);
      // The junk email of crm:105 is not evidence, nor part of the profile; the phone + name still matched.
      const malee = await customerOf('crm', '105');
      expect(malee!.links.map((l) => l.externalId).sort()).toEqual(['105', 'SQD']);
      expect(malee!.profile.emails).toEqual([]);
    });

    it('builds the golden profile with the source and date of every value', async () => {
      const { profile } = (await customerOf('crm', '106'))!;
      // CRM wins names even though the POS record (with a typo) is more recent.
      expect(profile.name).toEqual({ value: 'Somchai Jaidee', source: { system: 'crm', externalId: '101' }, updatedAt: '2026-01-05T10:00:00Z' });
      expect(profile.primaryEmail).toMatchObject({ value: 'somchai.j@gmail.com', source: { system: 'crm', externalId: '101' } });
      expect(profile.emails).toHaveLength(1);
      expect(profile.phones).toEqual([{ value: '+66817394562', source: { system: 'pos', externalId: 'SQA' }, updatedAt: '2026-02-01T00:00:00Z' }]);
      expect(profile.addresses.map((a) => a.city)).toEqual(['Bangkok', 'Chiang Mai']);
      expect(profile.consent).toEqual([
        { channel: 'EMAIL', state: 'GRANTED', source: { system: 'crm', externalId: '101' }, updatedAt: '2025-05-01T00:00:00Z' },
        { channel: 'SMS', state: 'GRANTED', source: { system: 'pos', externalId: 'SQA' }, updatedAt: '2026-02-01T00:00:00Z' },
        { channel: 'SOCIAL', state: 'UNKNOWN', source: null, updatedAt: null },
      ]);
    });

    it('resolves customers by id and channel records to their customer, one SQL query per kind', async () => {
      const somchai = (await customerOf('crm', '101'))!;
      const spy = vi.spyOn(store.db, 'query');
      const res = await gql<{ _entities: ({ id?: string; customer?: { id: string } | null; link?: { rule: string } | null } | null)[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } ... on SourceRecord { customer { id } } } }`,
        {
          r: [
            { __typename: 'SourceRecord', system: 'crm', externalId: '101' },
            { __typename: 'SourceRecord', system: 'pos', externalId: 'SQA' },
            { __typename: 'SourceRecord', system: 'crm', externalId: '103' },
            { __typename: 'SourceRecord', system: 'pos', externalId: 'UNKNOWN' },
            { __typename: 'Customer', id: somchai.id },
            { __typename: 'Customer', id: 'cus_doesnotexist' },
          ],
        },
      );
      const calls = spy.mock.calls.length;
      spy.mockRestore();
      expect(res.data!._entities.map((e) => (e && 'customer' in e ? (e.customer?.id ?? null) : (e?.id ?? null)))).toEqual([
        somchai.id,
        somchai.id,
        expect.any(String),
        null,
        somchai.id,
        null,
      ]);
      expect(calls).toBe(2);
    });

    it('searches customers by email, phone in any local format and folded name', async () => {
      const search = async (term: string) =>
        (await gql<{ customers: { edges: { node: { id: string } }[] } }>(`query($s: String) { customers(search: $s) { edges { node { id } } } }`, { s: term })).data!
          .customers.edges.map((e) => e.node.id);
      const somchai = (await customerOf('crm', '101'))!.id;
      expect(await search('  SOMCHAI.J@gmail.com ')).toEqual([somchai]);
      expect(await search('081-739-4562')).toEqual([somchai]);
      expect(await search('+66 81 739 4562')).toEqual([somchai]);
      expect(await search('NGUYỄN')).toEqual([(await customerOf('crm', '103'))!.id]);
      expect(await search('nobody-here')).toEqual([]);
    });

    it('pages through every customer with cursors, without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: Awaited<ReturnType<typeof gql<{ customers: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>>> =
          await gql(`query($a: String) { customers(first: 4, after: $a) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { a: after });
        seen.push(...res.data!.customers.edges.map((e) => e.node.id));
        if (!res.data!.customers.pageInfo.hasNextPage) break;
        after = res.data!.customers.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(9);
      expect(new Set(seen).size).toBe(9);
      const bad = await gql(`{ customers(first: 1000) { edges { cursor } } }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('changes nothing when backfill runs again over the same data', async () => {
      const before = { links: await count('links'), audit: await count('audit_log'), suggestions: await count('match_suggestions'), customers: await count('customers') };
      const again = await subgraph.backfill();
      expect(again).toMatchObject({ recordsRead: 15, linksCreated: 0, customersCreated: 0, suggestionsCreated: 0 });
      expect({ links: await count('links'), audit: await count('audit_log'), suggestions: await count('match_suggestions'), customers: await count('customers') }).toEqual(before);
    });

    it('evaluates the start-up links against a ground truth: no wrong merge, the down source costs recall', async () => {
      const result = await evaluate(store.db, groundTruth);
      expect(result).toMatchObject({ precision: 1, linkedRecords: 15, unlinkedRecords: 1, people: 9, truePairs: 10, correctPairs: 7 });
      expect(result.recall).toBeCloseTo(0.7);
    });

    it('runBackfill needs the admin role and returns the first report on retry', async () => {
      const mutation = `mutation($k: String!) { runBackfill(idempotencyKey: $k) { recordsRead linksCreated durationMs sources { name records error } } }`;
      const forbidden = await gql(mutation, { k: 'bf-1' }, signedAs('identity', { actor: 'bob@retail.example', roles: ['steward'] }));
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const first = await gql<{ runBackfill: { durationMs: number; recordsRead: number } }>(mutation, { k: 'bf-1' });
      expect(first.data!.runBackfill.recordsRead).toBe(15);
      const pagesBefore = { ...feeds.pages };
      const retry = await gql<{ runBackfill: { durationMs: number } }>(mutation, { k: 'bf-1' });
      expect(retry.data).toEqual(first.data);
      expect(feeds.pages).toEqual(pagesBefore);
    });

    const MERGE = `mutation($k: String!, $s: ID!, $m: ID!, $r: String!) {
      mergeCustomers(idempotencyKey: $k, survivorId: $s, mergedId: $m, reason: $r) { mergeId mergedId survivor { id links { system externalId } } movedLinks { system externalId } }
    }`;
    interface MergeData {
      mergeCustomers: { mergeId: string; mergedId: string; survivor: { id: string; links: Link[] }; movedLinks: Value['source'][] };
    }

    it('merges two customers, keeps the merged id resolving to the survivor, and records it in the audit trail', async () => {
      const anna = (await customerOf('crm', '102'))!.id;
      const piotr = (await customerOf('pos', 'SQB'))!.id;
      const res = await gql<MergeData>(MERGE, { k: 'merge-1', s: anna, m: piotr, r: 'same household account' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.mergeCustomers).toMatchObject({ mergedId: piotr, survivor: { id: anna }, movedLinks: [{ system: 'pos', externalId: 'SQB' }] });
      expect(res.data!.mergeCustomers.survivor.links.map((l) => l.externalId).sort()).toEqual(['102', 'SQB']);
      const merged = await gql<{ customer: { id: string } }>(`query($id: ID!) { customer(id: $id) { id } }`, { id: piotr });
      expect(merged.data!.customer.id).toBe(anna);
      const trail = await gql<{ customer: { auditTrail: { action: string; actor: string; reason: string; details: { movedLinks: unknown[] } }[] } }>(
        `query($id: ID!) { customer(id: $id) { auditTrail(first: 5) { id action actor reason details at customerIds } } }`,
        { id: anna },
      );
      expect(trail.data!.customer.auditTrail[0]).toMatchObject({
        action: 'MERGE',
        actor: 'alice@retail.example',
        reason: 'same household account',
        details: { movedLinks: [{ system: 'pos', externalId: 'SQB' }] },
      });
    });

    it('returns the first result for a retried merge and changes nothing; another input under the same key is a CONFLICT', async () => {
      const anna = (await customerOf('crm', '102'))!.id;
      const piotr = (await customerOf('pos', 'SQB'))!;
      expect(piotr.id).toBe(anna);
      const first = await gql<MergeData>(`mutation { mergeCustomers(idempotencyKey: "merge-1", survivorId: "x", mergedId: "y", reason: "r") { mergeId } }`);
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });

      const audit = await count('audit_log');
      const trailMerge = (await store.db.query<{ details: { mergedId: string; survivorId: string } }>("SELECT details FROM audit_log WHERE action = 'MERGE'"))[0]!.details;
      const retry = await gql<MergeData>(MERGE, { k: 'merge-1', s: trailMerge.survivorId, m: trailMerge.mergedId, r: 'same household account' });
      expect(retry.data!.mergeCustomers).toMatchObject({ mergedId: trailMerge.mergedId, movedLinks: [{ system: 'pos', externalId: 'SQB' }] });
      expect(await count('audit_log')).toBe(audit);
    });

    it('undoes a merge: links go back, the restored id resolves to itself, both events stay in the trail', async () => {
      const [merge] = await store.db.query<{ id: string | number; details: { survivorId: string; mergedId: string } }>("SELECT id, details FROM audit_log WHERE action = 'MERGE'");
      const res = await gql<{ unmergeCustomer: { survivor: { id: string; links: Link[] }; restored: { id: string; links: Link[] } } }>(
        `mutation($k: String!, $m: ID!) { unmergeCustomer(idempotencyKey: $k, mergeId: $m, reason: "different people") { auditId survivor { id links { system externalId } } restored { id links { system externalId } } } }`,
        { k: 'unmerge-1', m: String(merge!.id) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.unmergeCustomer.restored).toMatchObject({ id: merge!.details.mergedId, links: [{ system: 'pos', externalId: 'SQB' }] });
      expect(res.data!.unmergeCustomer.survivor.links).toEqual([{ system: 'crm', externalId: '102' }]);
      expect((await customerOf('pos', 'SQB'))!.id).toBe(merge!.details.mergedId);
      const trail = await gql<{ customer: { auditTrail: { action: string }[] } }>(`query($id: ID!) { customer(id: $id) { auditTrail { action } } }`, {
        id: merge!.details.mergedId,
      });
      expect(trail.data!.customer.auditTrail.map((a) => a.action).slice(0, 2)).toEqual(['UNMERGE', 'MERGE']);
      const twice = await gql(`mutation($m: ID!) { unmergeCustomer(idempotencyKey: "unmerge-2", mergeId: $m, reason: "again") { auditId } }`, { m: String(merge!.id) });
      expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('rejects bad input with a coded error and changes nothing', async () => {
      const before = { links: await count('links'), audit: await count('audit_log'), keys: await count('idempotency_keys'), customers: await count('customers') };
      const somchai = (await customerOf('crm', '101'))!.id;
      const self = await gql(MERGE, { k: 'bad-1', s: somchai, m: somchai, r: 'oops' });
      expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const unknown = await gql(MERGE, { k: 'bad-2', s: somchai, m: 'cus_nobody', r: 'oops' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'mergedId' });
      const unknownRecord = await gql(
        `mutation { linkRecord(idempotencyKey: "bad-3", customerId: "${somchai}", system: "crm", externalId: "999", reason: "x") { auditId } }`,
      );
      expect(unknownRecord.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const lastLink = await gql(`mutation { unlinkRecord(idempotencyKey: "bad-4", system: "crm", externalId: "102", reason: "x") { auditId } }`);
      expect(lastLink.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect({ links: await count('links'), audit: await count('audit_log'), keys: await count('idempotency_keys'), customers: await count('customers') }).toEqual(before);
      // A failed attempt stores no key: the same key works once the input is right.
      const walkIn1 = (await customerOf('pos', 'SQF'))!.id;
      const walkIn2 = (await customerOf('pos', 'SQG'))!.id;
      const fixed = await gql<MergeData>(MERGE, { k: 'bad-2', s: walkIn1, m: walkIn2, r: 'fixed input' });
      expect(fixed.errors).toBeUndefined();
      expect(fixed.data!.mergeCustomers.survivor.id).toBe(walkIn1);
    });

    it('unlinks a record onto a new customer, moves it with linkRecord, and backfill leaves the decision alone', async () => {
      const somchai = (await customerOf('crm', '101'))!.id;
      const res = await gql<{ unlinkRecord: { customer: { id: string; links: Link[] }; previousCustomer: { id: string } } }>(
        `mutation { unlinkRecord(idempotencyKey: "unlink-1", system: "crm", externalId: "106", reason: "old duplicate belongs to a namesake") { customer { id links { system externalId rule } } previousCustomer { id } } }`,
      );
      expect(res.errors).toBeUndefined();
      const fresh = res.data!.unlinkRecord.customer;
      expect(fresh.id).not.toBe(somchai);
      expect(fresh.links).toEqual([{ system: 'crm', externalId: '106', rule: 'MANUAL' }]);
      expect(res.data!.unlinkRecord.previousCustomer.id).toBe(somchai);

      const again = await subgraph.backfill();
      expect(again).toMatchObject({ linksCreated: 0, suggestionsCreated: 0 });
      expect((await customerOf('crm', '106'))!.id).toBe(fresh.id);

      const link = await gql<{ linkRecord: { customer: { id: string; links: Link[] }; previousCustomerId: string } }>(
        `mutation($c: ID!) { linkRecord(idempotencyKey: "link-1", customerId: $c, system: "crm", externalId: "106", reason: "it was him after all") { previousCustomerId customer { id links { externalId rule } } } }`,
        { c: somchai },
      );
      expect(link.data!.linkRecord.previousCustomerId).toBe(fresh.id);
      expect(link.data!.linkRecord.customer.links.map((l) => l.externalId).sort()).toEqual(['101', '106', 'SQA']);
    });

    it('accepts a suggestion by merging the two customers, and a decided suggestion cannot be decided again', async () => {
      const open = await gql<{ matchSuggestions: { edges: { node: { id: string; customerA: { id: string }; customerB: { id: string } } }[] } }>(
        `{ matchSuggestions { edges { node { id customerA { id } customerB { id } } } } }`,
      );
      const s = open.data!.matchSuggestions.edges[0]!.node;
      const res = await gql<{ decideSuggestion: { suggestion: { status: string }; customer: { links: Link[] } } }>(
        `mutation($id: ID!) { decideSuggestion(idempotencyKey: "decide-1", id: $id, accept: true, reason: "confirmed by phone") { auditId suggestion { status } customer { id links { system externalId } } } }`,
        { id: s.id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.decideSuggestion.suggestion.status).toBe('ACCEPTED');
      const a = await gql<{ customer: { id: string } }>(`query($id: ID!) { customer(id: $id) { id } }`, { id: s.customerA.id });
      const b = await gql<{ customer: { id: string } }>(`query($id: ID!) { customer(id: $id) { id } }`, { id: s.customerB.id });
      expect(a.data!.customer.id).toBe(b.data!.customer.id);
      const again = await gql(`mutation($id: ID!) { decideSuggestion(idempotencyKey: "decide-2", id: $id, accept: false) { auditId } }`, { id: s.id });
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

  });
}
