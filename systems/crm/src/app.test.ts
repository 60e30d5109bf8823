import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import type { Standin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

let standin: Standin;
const auth = { authorization: 'Bearer dev-token', 'content-type': 'application/json' };
const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = auth) =>
  standin.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });

beforeAll(async () => {
  standin = await createStandinApp({ dataDir: fixtureDataDir, token: 'dev-token' });
});
afterAll(async () => {
  await standin.app.close();
});

describe('CRM stand-in (HubSpot shapes)', () => {
  it('answers a wrong token with HubSpot\u2019s 401 INVALID_AUTHENTICATION body', async () => {
    const res = await call('GET', '/crm/v3/objects/contacts', undefined, { authorization: 'Bearer wrong' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
  });

  it('pages contacts with paging.next.after and ends without paging', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await call('GET', `/crm/v3/objects/contacts?limit=5&properties=email${after ? `&after=${after}` : ''}`);
      const body = res.json() as { results: { id: string; properties: Record<string, unknown> }[]; paging?: { next: { after: string } } };
      expect(res.headers['x-hubspot-ratelimit-max']).toBeDefined();
      ids.push(...body.results.map((r) => r.id));
      after = body.paging?.next.after;
      if (!after) break;
    }
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('refuses a list limit above 100 and a batch above 100 inputs with VALIDATION_ERROR', async () => {
    expect((await call('GET', '/crm/v3/objects/contacts?limit=101')).json()).toMatchObject({ category: 'VALIDATION_ERROR' });
    const big = await call('POST', '/crm/v3/objects/contacts/batch/read', { inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })) });
    expect(big.statusCode).toBe(400);
  });

  it('reports missing ids of a batch read in a 207 and returns only the requested properties', async () => {
    const res = await call('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id: '101' }, { id: '999' }], properties: ['email'] });
    expect(res.statusCode).toBe(207);
    const body = res.json() as { results: { id: string; properties: Record<string, unknown> }[]; errors: { context: { ids: string[] } }[] };
    expect(body.results.map((r) => r.id)).toEqual(['101']);
    expect(Object.keys(body.results[0]!.properties).sort()).toEqual(['createdate', 'email', 'hs_object_id', 'lastmodifieddate']);
    expect(body.errors[0]?.context.ids).toEqual(['999']);
  });

  it('reads contacts by email with idProperty, case-insensitively', async () => {
    const res = await call('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id: 'ANNA.kowalska@example.pl' }], idProperty: 'email', properties: ['email'] });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { results: { id: string }[] }).results[0]?.id).toBe('105');
  });

  it('searches contacts by phone with EQ filters, OR between groups', async () => {
    const res = await call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ', value: '0812345678' }] }, { filters: [{ propertyName: 'email', operator: 'EQ', value: 'EWA.W@example.pl' }] }],
      limit: 200,
    });
    const body = res.json() as { total: number; results: { id: string }[] };
    expect(body.total).toBe(2);
    expect(body.results.map((r) => r.id)).toEqual(['108', '111']);
    expect(res.headers['x-hubspot-ratelimit-max']).toBeUndefined();
  });

  it('reads contact → ticket associations in batch, reporting contacts without any in errors', async () => {
    const res = await call('POST', '/crm/v4/associations/contacts/tickets/batch/read', { inputs: [{ id: '105' }, { id: '107' }] });
    expect(res.statusCode).toBe(207);
    const body = res.json() as { results: { from: { id: string }; to: { toObjectId: string; associationTypes: { typeId: number }[] }[] }[]; errors: unknown[] };
    expect(body.results).toEqual([{ from: { id: '105' }, to: [{ toObjectId: '8003', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 15, label: null }] }] }]);
    expect(body.errors).toHaveLength(1);
  });

  it('throttles with HubSpot\u2019s RATE_LIMIT body and rate headers', async () => {
    Object.assign(standin.faults, { rateLimitPerSecond: 0.001, rateLimitBurst: 0 });
    const res = await call('GET', '/crm/v3/objects/contacts');
    Object.assign(standin.faults, { rateLimitPerSecond: 0, rateLimitBurst: 40 });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(res.headers['x-hubspot-ratelimit-remaining']).toBe('0');
  });

  it('creates a note per call whatever Idempotency-Key says (HubSpot has none), with hs_createdate, associated to the contact', async () => {
    const note = {
      properties: { hs_timestamp: '2025-05-01T00:00:00Z', hs_note_body: 'hello' },
      associations: [{ to: { id: '107' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
    };
    const first = await call('POST', '/crm/v3/objects/notes', note, { ...auth, 'idempotency-key': 'k-1' });
    const again = await call('POST', '/crm/v3/objects/notes', note, { ...auth, 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect((again.json() as { id: string }).id).not.toBe((first.json() as { id: string }).id);
    expect((first.json() as { properties: Record<string, string | null> }).properties.hs_createdate).toMatch(/^\d{4}-/);
    const assoc = await call('POST', '/crm/v4/associations/contacts/notes/batch/read', { inputs: [{ id: '107' }] });
    expect((assoc.json() as { results: { to: unknown[] }[] }).results[0]?.to).toHaveLength(2);
    const noKey = await call('POST', '/crm/v3/objects/notes', { properties: { hs_note_body: 'no timestamp' } });
    expect(noKey.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
  });

  it('search honours query, sorts and range operators', async () => {
    const ids = async (body: unknown) => ((await call('POST', '/crm/v3/objects/contacts/search', body)).json() as { results: { id: string }[] }).results.map((r) => r.id);
    expect(await ids({ query: 'nattaya' })).toEqual(['102']);
    expect(await ids({ query: 'nattaya.s@example.com' })).toEqual(['102']);
    const asc = await ids({ sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }], limit: 3 });
    const desc = await ids({ sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }], limit: 3 });
    expect(asc[0]).toBe('101');
    expect(desc).not.toEqual(asc);
    const range = (operator: string, extra: Record<string, string>) => ids({ filterGroups: [{ filters: [{ propertyName: 'createdate', operator, ...extra }] }], limit: 100 });
    const all = await range('HAS_PROPERTY', {});
    const gte = await range('GTE', { value: '2024-02-15T03:30:17.883Z' });
    const lt = await range('LT', { value: String(Date.parse('2024-02-15T03:30:17.883Z')) });
    expect(gte).toContain('102');
    expect(lt).toContain('101');
    expect(lt).not.toContain('102');
    expect(gte.length + lt.length).toBe(all.length);
    const between = await range('BETWEEN', { value: '2024-01-01T00:00:00Z', highValue: '2024-03-01T00:00:00Z' });
    expect(between).toEqual(expect.arrayContaining(['101', '102']));
    expect(between).not.toContain('103');
  });

  it('reads associations on v3 object reads and per contact on v4', async () => {
    const contact = (await call('GET', '/crm/v3/objects/contacts/101?associations=notes,tickets')).json() as { associations?: Record<string, { results: { id: string; type: string }[] }> };
    expect(contact.associations?.notes?.results[0]?.type).toBe('contact_to_note');
    const v4 = (await call('GET', '/crm/v4/objects/contacts/101/associations/notes?limit=1')).json() as { results: { toObjectId: string }[]; paging?: { next: { after: string } } };
    expect(v4.results.map((r) => r.toObjectId)).toEqual([contact.associations!.notes!.results[0]!.id]);
    if ((contact.associations?.notes?.results.length ?? 0) > 1) expect(v4.paging?.next.after).toBeTruthy();
    expect((await call('GET', '/crm/v4/objects/contacts/101/associations/deals')).statusCode).toBe(400);
  });
});
