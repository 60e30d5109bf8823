import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { listenStandin, type Standin } from '../../../systems/lib/standin.ts';
import { createStandinApp } from '../../../systems/crm/src/app.ts';
import { contractTally } from '../../../test/helpers/contract-tally.ts';

/**
 * HubSpot's own Node SDK (@hubspot/api-client) against the crm stand-in, for every endpoint the
 * connector uses and the ones issue 10 measured: the SDK must parse each answer into its typed
 * objects (dates as Date, the SDK's model classes) and see HubSpot's error, paging and throttling
 * shapes. The count "calls that behave as HubSpot does / calls tried" is printed at the end.
 */
let standin: Standin;
let hubspot: Client;

beforeAll(async () => {
  standin = await createStandinApp({ dataDir: fixtureDataDir, token: 'sdk-token' });
  const url = await listenStandin(standin, 0);
  hubspot = new Client({ accessToken: 'sdk-token', basePath: url });
});
afterAll(async () => {
  report();
  await standin?.app.close();
});

/** One SDK call and what HubSpot's answer must look like; each is counted. */
const { call, report } = contractTally('HubSpot SDK contract', 'HubSpot');

/** The SDK's ApiException: `code` is the HTTP status, `body` HubSpot's error envelope. */
async function rejected(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; body: unknown; headers: Record<string, string> };
    return { code: e.code, body: (typeof e.body === 'string' ? JSON.parse(e.body) : e.body) as Record<string, unknown>, headers: e.headers };
  }
  throw new Error('expected the call to fail');
}

describe('@hubspot/api-client against the HubSpot stand-in', () => {
  call('contacts.basicApi.getPage pages with paging.next.after', async () => {
    const first = await hubspot.crm.contacts.basicApi.getPage(5, undefined, ['email', 'firstname']);
    expect(first.results).toHaveLength(5);
    expect(first.results[0]!.createdAt).toBeInstanceOf(Date);
    const after = first.paging?.next?.after;
    expect(after).toBeTruthy();
    const second = await hubspot.crm.contacts.basicApi.getPage(5, after);
    expect(second.results[0]!.id).not.toBe(first.results[0]!.id);
  });

  call('contacts.basicApi.getById with properties and associations', async () => {
    const contact = await hubspot.crm.contacts.basicApi.getById('101', ['email', 'lifecyclestage'], undefined, ['notes']);
    expect(contact.properties.email).toBe('somchai.j@example.co.th');
    expect(contact.updatedAt).toBeInstanceOf(Date);
    expect(contact.associations?.notes?.results.length).toBeGreaterThan(0);
  });

  call('contacts.basicApi.getById by email (idProperty)', async () => {
    const contact = await hubspot.crm.contacts.basicApi.getById('nattaya.s@example.com', ['email'], undefined, undefined, false, 'email');
    expect(contact.id).toBe('102');
  });

  call('contacts.basicApi.getById of an unknown id is a 404 OBJECT_NOT_FOUND', async () => {
    const error = await rejected(hubspot.crm.contacts.basicApi.getById('424242'));
    expect(error.code).toBe(404);
    expect(error.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
  });

  call('contacts.batchApi.read (ids, with a missing one: 207)', async () => {
    const res = await hubspot.crm.contacts.batchApi.read({ inputs: [{ id: '101' }, { id: '102' }, { id: '424242' }], properties: ['email'], propertiesWithHistory: [] });
    expect(res.results.map((r) => r.id).sort()).toEqual(['101', '102']);
    expect(res.status).toBe('COMPLETE');
    expect(res.completedAt).toBeInstanceOf(Date);
  });

  call('contacts.batchApi.read by email (idProperty)', async () => {
    const res = await hubspot.crm.contacts.batchApi.read({ inputs: [{ id: 'NATTAYA.s@example.COM' }], properties: ['email'], propertiesWithHistory: [], idProperty: 'email' });
    expect(res.results.map((r) => r.id)).toEqual(['102']);
  });

  call('contacts.searchApi.doSearch with EQ filters', async () => {
    const res = await hubspot.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'nattaya.s@example.com' }] }], properties: ['email'], limit: 10, after: undefined as never, sorts: [] });
    expect(res.total).toBe(1);
    expect(res.results[0]!.id).toBe('102');
  });

  call('contacts.searchApi.doSearch with GTE on a date, sorts and paging', async () => {
    const res = await hubspot.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE' as never, value: String(Date.parse('2020-01-01T00:00:00Z')) }] }],
      sorts: ['-createdate'],
      properties: ['email', 'createdate'],
      limit: 3,
      after: '0' as never,
    });
    expect(res.results).toHaveLength(3);
    const dates = res.results.map((r) => Date.parse(String(r.properties.createdate)));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(res.paging?.next?.after).toBe('3');
  });

  call('contacts.searchApi.doSearch with BETWEEN and LT', async () => {
    const between = await hubspot.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'BETWEEN' as never, value: '2024-01-01T00:00:00Z', highValue: '2024-03-01T00:00:00Z' }] }],
      sorts: [], properties: [], limit: 100, after: undefined as never,
    });
    expect(between.results.map((r) => r.id)).toEqual(expect.arrayContaining(['101', '102']));
    const lt = await hubspot.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'LT' as never, value: '2024-02-01T00:00:00Z' }] }], sorts: [], properties: [], limit: 100, after: undefined as never });
    expect(lt.results.map((r) => r.id)).toContain('101');
    expect(lt.results.map((r) => r.id)).not.toContain('102');
  });

  call('contacts.searchApi.doSearch with query text', async () => {
    const res = await hubspot.crm.contacts.searchApi.doSearch({ query: 'Nattaya', filterGroups: [], sorts: [], properties: ['firstname'], limit: 10, after: undefined as never });
    expect(res.results.map((r) => r.id)).toEqual(['102']);
  });

  call('objects batchApi.read of notes, calls, emails and tickets', async () => {
    const assoc = await hubspot.crm.associations.v4.batchApi.getPage('contacts', 'notes', { inputs: [{ id: '101' }] });
    const noteIds = assoc.results.flatMap((r) => r.to.map((t) => String(t.toObjectId)));
    const notes = await hubspot.crm.objects.batchApi.read('notes', { inputs: noteIds.map((id) => ({ id })), properties: ['hs_note_body', 'hs_timestamp'], propertiesWithHistory: [] });
    expect(notes.results.length).toBe(noteIds.length);
    // Engagements carry hs_createdate, as on HubSpot.
    expect(notes.results[0]!.properties.hs_createdate).toMatch(/^\d{4}-/);
    for (const type of ['calls', 'emails', 'tickets']) {
      const page = await hubspot.crm.objects.basicApi.getPage(type, 2);
      expect(page.results.length).toBeGreaterThan(0);
    }
  });

  call('associations.v4.batchApi.getPage (contacts → notes, 207 for contacts without any)', async () => {
    const res = await hubspot.crm.associations.v4.batchApi.getPage('contacts', 'tickets', { inputs: [{ id: '101' }, { id: '424242' }] });
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.results[0]!.to[0]!.associationTypes[0]!.category).toBe('HUBSPOT_DEFINED');
  });

  call('associations.v4.basicApi.getPage (one contact → notes)', async () => {
    const res = await hubspot.crm.associations.v4.basicApi.getPage('contacts', '101', 'notes', undefined, 500);
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.results[0]!.associationTypes[0]!.typeId).toBe(201);
  });

  call('pipelines.pipelinesApi.getAll(tickets)', async () => {
    const res = await hubspot.crm.pipelines.pipelinesApi.getAll('tickets');
    expect(res.results[0]!.stages.length).toBeGreaterThan(0);
    expect(res.results[0]!.createdAt).toBeInstanceOf(Date);
  });

  call('objects.notes.basicApi.create associated to a contact', async () => {
    const note = await hubspot.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_note_body: 'from the SDK' },
      associations: [{ to: { id: '103' }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 202 }] }],
    });
    expect(note.id).toMatch(/^\d+$/);
    expect(note.createdAt).toBeInstanceOf(Date);
    expect(note.properties.hs_createdate).toBeTruthy();
  });

  call('objects.calls.basicApi.create', async () => {
    const created = await hubspot.crm.objects.calls.basicApi.create({
      properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_call_title: 'SDK call', hs_call_body: 'b', hs_call_status: 'COMPLETED' },
      associations: [{ to: { id: '103' }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 194 }] }],
    });
    expect(created.properties.hs_call_title).toBe('SDK call');
  });

  call('contacts.basicApi.create, and 409 CONFLICT for a taken email', async () => {
    const created = await hubspot.crm.contacts.basicApi.create({ properties: { email: 'sdk-new@example.com', firstname: 'Sdk' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    const error = await rejected(hubspot.crm.contacts.basicApi.create({ properties: { email: 'SDK-new@example.com' }, associations: [] }));
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({ category: 'CONFLICT' });
  });

  call('two creates with one Idempotency-Key make two notes (HubSpot has no idempotency keys)', async () => {
    const input = { properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_note_body: 'twice' }, associations: [] };
    const a = await hubspot.crm.objects.notes.basicApi.create(input);
    const b = await hubspot.crm.objects.notes.basicApi.create(input);
    expect(a.id).not.toBe(b.id);
  });

  call('objects.notes.searchApi.doSearch by a custom property (the connector’s idempotency lookup)', async () => {
    await hubspot.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_note_body: 'keyed', omnigraph_idempotency_key: 'sdk-key-1' }, associations: [] });
    const res = await hubspot.crm.objects.notes.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'omnigraph_idempotency_key', operator: 'EQ' as never, value: 'sdk-key-1' }] }], sorts: [], properties: ['hs_note_body'], limit: 1, after: undefined as never });
    expect(res.results.map((r) => r.properties.hs_note_body)).toEqual(['keyed']);
  });

  call('a wrong token is a 401 INVALID_AUTHENTICATION', async () => {
    const wrong = new Client({ accessToken: 'wrong', basePath: (hubspot.config as { basePath: string }).basePath });
    const error = await rejected(wrong.crm.contacts.basicApi.getPage(1));
    expect(error.code).toBe(401);
    expect(error.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
  });

  call('throttling is a 429 RATE_LIMIT with the rate headers', async () => {
    Object.assign(standin.faults, { rateLimitPerSecond: 0.001, rateLimitBurst: 0 });
    try {
      const error = await rejected(hubspot.crm.contacts.basicApi.getPage(1));
      expect(error.code).toBe(429);
      expect(error.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    } finally {
      Object.assign(standin.faults, { rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });
});
