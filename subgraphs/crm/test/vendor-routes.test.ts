import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, routesUsed } from '../../../test/helpers/vendor-routes.ts';

/**
 * Every request the crm connector sends, while the operations of its component tests run, must be
 * a HubSpot route, parameter and body key listed in systems/crm/vendor-routes.json (HubSpot's docs).
 */
const routes = loadVendorRoutes('crm');
let crm: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  crm = await startComponent('crm');
});
afterAll(async () => {
  await crm?.close();
});

const CUSTOMER = 'cus_aaaaaaaaaaaaaaaa';
const RECORD = `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { contact { id } note { id } call { id } } }`;

/** The operations of subgraphs/crm/test: reads, engagements, the identity feed and every write. */
async function runOperations(): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
  ok(await crm.query(`{ crmContact(id: "102") { id name email phones lifecycleStage } }`));
  ok(await crm.query(`{ crmContactByEmail(email: "NATTAYA.s@example.COM") { id } }`));
  ok(
    await crm.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { crmContacts { id notes { id body occurredAt } calls { id } emailMessages { id } tickets { id status } } } } }`,
      { r: [{ __typename: 'Customer', id: 'c1', links: [{ system: 'crm', externalId: '101' }, { system: 'crm', externalId: '102' }] }] },
    ),
  );
  for (const params of ['limit=5', 'limit=5&since=2020-01-01T00:00:00Z']) {
    const res = await fetch(crm.url.replace(/\/graphql$/, `/_identity/records?${params}`), { headers: crm.signed() });
    expect(res.status).toBe(200);
  }
  ok(await crm.query(`mutation ($input: RecordCrmNoteInput!) { recordCrmNote(input: $input) { id } }`, { input: { contactId: '106', body: 'Routes note', idempotencyKey: 'routes-note' } }));
  ok(await crm.query(`mutation ($input: RecordCrmNoteInput!) { recordCrmNote(input: $input) { id } }`, { input: { contactId: '106', body: 'Routes note without a key' } }));
  ok(await crm.query(RECORD, { input: { customerId: CUSTOMER, crmContactId: '101', channel: 'PHONE', summary: 'Called', idempotencyKey: 'routes-call' } }));
  ok(await crm.query(RECORD, { input: { customerId: 'cus_eeeeeeeeeeeeeeee', channel: 'MESSENGER', summary: 'New person', idempotencyKey: 'routes-new' } }));
}

describe('crm connector: outgoing requests against the HubSpot route reference', () => {
  it('sends only routes, query parameters and body keys HubSpot documents', async () => {
    await runOperations();
    const requests = crm.vendorRequests();
    console.log(`crm vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    expect(offReference(routes, requests)).toEqual([]);
    // The operations reached every kind of call the connector makes (a silent no-op would pass the check above).
    expect(routesUsed(routes, requests)).toEqual(
      expect.arrayContaining([
        'GET /crm/v3/objects/contacts',
        'POST /crm/v3/objects/contacts/search',
        'POST /crm/v3/objects/{objectType}/batch/read',
        'POST /crm/v4/associations/contacts/{toObjectType}/batch/read',
        'GET /crm/v3/pipelines/tickets',
        'POST /crm/v3/objects/notes',
        'POST /crm/v3/objects/calls',
        'POST /crm/v3/objects/contacts',
      ]),
    );
  });

  it('names a request outside the reference: an undocumented route, parameter or body key', () => {
    const problems = offReference(routes, [
      { method: 'GET', path: '/crm/v3/objects/contacts', query: ['limit', 'sortBy'], body: [], operations: [] },
      { method: 'POST', path: '/crm/v3/objects/notes', query: [], body: ['properties', 'idempotencyKey'], operations: [] },
      { method: 'GET', path: '/crm/v3/objects/contacts/101/notes', query: [], body: [], operations: [] },
    ]);
    expect(problems).toEqual([
      'GET /crm/v3/objects/contacts/101/notes: not a route in the vendor reference',
      'GET /crm/v3/objects/contacts: query parameter "sortBy" not in the reference',
      'POST /crm/v3/objects/notes: body key "idempotencyKey" not in the reference',
    ]);
  });
});
