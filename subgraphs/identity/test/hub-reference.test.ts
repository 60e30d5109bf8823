import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { createSubgraph, type IdentitySubgraph } from '../src/server.ts';
import type { IdentityStore } from '../src/store.ts';

const contact = (externalId: string, extra: Partial<SourceRecord> = {}): SourceRecord => ({
  system: 'crm',
  externalId,
  kind: 'contact',
  givenName: null,
  familyName: null,
  displayName: null,
  emails: [],
  phones: [],
  region: 'TH',
  addresses: [],
  consent: [],
  references: [],
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

/** One mutable CRM feed, one page. */
async function startFeed(records: SourceRecord[]) {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records, next: null })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a record naming its hub customer (reference to system "identity")', () => {
  const records: SourceRecord[] = [contact('1', { givenName: 'Mai', emails: ['mai@example.com'] }), contact('2', { givenName: 'Tuan', emails: ['tuan@example.com'] })];
  let feed: Awaited<ReturnType<typeof startFeed>>;
  let subgraph: IdentitySubgraph;
  let store: IdentityStore;
  const customerOf = async (externalId: string) => String((await store.db.query(`SELECT customer_id FROM links WHERE system = 'crm' AND external_id = $1`, [externalId]))[0]?.customer_id ?? '');

  beforeAll(async () => {
    feed = await startFeed(records);
    subgraph = createSubgraph(loadSubgraphConfig({ PORT: '0', IDENTITY_DB_DIR: 'memory://', IDENTITY_SOURCES: `crm=${feed.base}` }));
    store = await subgraph.ready();
    await subgraph.backfill();
  });
  afterAll(async () => {
    await feed?.close();
    await store?.db.close();
  });

  it('is linked to that customer on the next backfill, by EXPLICIT_REFERENCE, with an audit entry', async () => {
    const mai = await customerOf('1');
    records.push(contact('3', { references: [{ system: 'identity', externalId: mai, via: 'hubspot omnigraph_customer_id' }] }));
    const report = await subgraph.backfill();
    expect(report.linksCreated).toBe(1);
    const [link] = await store.db.query(`SELECT customer_id, rule, evidence FROM links WHERE system = 'crm' AND external_id = '3'`);
    expect(link).toEqual({ customer_id: mai, rule: 'EXPLICIT_REFERENCE', evidence: { from: 'crm:3', to: `identity:${mai}`, via: 'hubspot omnigraph_customer_id' } });
    const audits = await store.db.query(`SELECT reason FROM audit_log WHERE $1 = ANY(customer_ids) AND details->>'externalId' = '3'`, [mai]);
    expect(audits).toEqual([{ reason: 'record names its customer' }]);
    // Running again changes nothing.
    expect((await subgraph.backfill()).linksCreated).toBe(0);
  });

  it('follows a merge to the survivor, and ignores a customer id the hub does not know', async () => {
    const [mai, tuan] = [await customerOf('1'), await customerOf('2')];
    await store.mergeCustomers('test', { idempotencyKey: 'merge-ref', survivorId: mai, mergedId: tuan, reason: 'same person' });
    records.push(contact('4', { references: [{ system: 'identity', externalId: tuan, via: 'hubspot omnigraph_customer_id' }] }));
    records.push(contact('5', { givenName: 'Nobody', references: [{ system: 'identity', externalId: 'cus_zzzzzzzzzzzzzzzz', via: 'hubspot omnigraph_customer_id' }] }));
    await subgraph.backfill();
    expect(await customerOf('4')).toBe(mai);
    const [other] = await store.db.query(`SELECT customer_id, rule FROM links WHERE system = 'crm' AND external_id = '5'`);
    expect(other).toMatchObject({ rule: 'FIRST_RECORD' });
    expect(other!.customer_id).not.toBe('cus_zzzzzzzzzzzzzzzz');
  });
});
