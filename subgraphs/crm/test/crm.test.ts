import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;
let crm: Component;

beforeAll(async () => {
  crm = await startComponent('crm');
});
afterAll(async () => {
  await crm?.close();
});
beforeEach(() => {
  crm.setFaults({ down: false, errorRate: 0, rateLimitPerSecond: 0, latencyMs: 0 });
  crm.resetCalls();
});

const CONTACT_FIELDS = `id firstName lastName name email emails phones lifecycleStage country city emailOptOut createdAt updatedAt`;

interface ContactShape {
  id: string;
  name: string | null;
  emails: string[];
  phones: string[];
  lifecycleStage: string | null;
  country: string | null;
  emailOptOut: boolean | null;
  notes?: { id: string; body: string; occurredAt: string }[] | null;
  calls?: { id: string; direction: string; durationSeconds: number }[] | null;
  emailMessages?: { id: string; direction: string; subject: string }[] | null;
  tickets?: { id: string; status: string; stage: string; priority: string | null }[] | null;
}

const customerRep = (id: string, crmIds: string[], other: { system: string; externalId: string }[] = []) => ({
  __typename: 'Customer',
  id,
  links: [...crmIds.map((externalId) => ({ system: 'crm', externalId })), ...other],
});

describe('crm subgraph: contacts', () => {
  it('reads a contact by id with HubSpot properties mapped to graph fields', async () => {
    const res = await crm.query<{ crmContact: ContactShape }>(`{ crmContact(id: "102") { ${CONTACT_FIELDS} } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.crmContact).toMatchObject({
      id: '102',
      name: 'Nattaya Srisuk',
      emails: ['Nattaya.S@Example.com'],
      phones: ['+66 89 111 2222', '0891112223'],
      lifecycleStage: 'LEAD',
      country: 'TH',
      emailOptOut: true,
    });
    expect(crm.upstreamCalls()).toEqual({ 'POST /crm/v3/objects/contacts/batch/read': 1 });
  });

  it('keeps ids above 2^53 exact', async () => {
    const res = await crm.query<{ crmContact: ContactShape }>(`{ crmContact(id: "90071992547409931") { id name } }`);
    expect(res.data?.crmContact).toEqual({ id: '90071992547409931', name: 'Big Number' });
  });

  it('answers null for an unknown contact and BAD_USER_INPUT for a non-numeric id', async () => {
    const missing = await crm.query(`{ crmContact(id: "424242") { id } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data).toEqual({ crmContact: null });
    const bad = await crm.query(`{ crmContact(id: "abc") { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(crm.upstreamCalls()).toEqual({ 'POST /crm/v3/objects/contacts/batch/read': 1 });
  });

  it('finds a contact by email whatever its case, and null for an unknown email', async () => {
    const res = await crm.query<{ a: ContactShape | null; b: ContactShape | null }>(
      `{ a: crmContactByEmail(email: "NATTAYA.s@example.COM") { id } b: crmContactByEmail(email: "nobody@example.com") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: { id: '102' }, b: null });
    // Both lookups share one batch/read by email.
    expect(crm.upstreamCalls()).toEqual({ 'POST /crm/v3/objects/contacts/batch/read': 1 });
  });

  it('resolves many CrmContact references with one batch call, null for the missing, in request order', async () => {
    const ids = ['110', '101', '999', '105', '103', '90071992547409931', '108', '104', '888', '102'];
    const res = await crm.query<{ _entities: ({ id: string } | null)[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CrmContact { id } } }`,
      { r: ids.map((id) => ({ __typename: 'CrmContact', id })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual(ids.map((id) => (id === '999' || id === '888' ? null : { id })));
    expect(crm.upstreamCalls()).toEqual({ 'POST /crm/v3/objects/contacts/batch/read': 1 });
  });
});

describe('crm subgraph: Customer.crmContacts and engagements', () => {
  const customers = [
    customerRep('c1', ['101', '111'], [{ system: 'shop', externalId: '207119551' }]),
    customerRep('c2', ['102']),
    customerRep('c3', ['103']),
    customerRep('c4', ['104', '777']),
    customerRep('c5', ['105']),
    customerRep('c6', ['106']),
    customerRep('c7', ['108']),
    customerRep('c8', [], [{ system: 'pos', externalId: 'SQ123' }]),
  ];
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id crmContacts {
      id name
      notes { id body occurredAt }
      calls { id direction durationSeconds }
      emailMessages { id direction subject }
      tickets { id status stage priority }
    } } } }`;

  it('loads 8 customers\u2019 contacts and all their engagements with one call per resource', async () => {
    const res = await crm.query<{ _entities: { id: string; crmContacts: ContactShape[] }[] }>(query, { r: customers });
    expect(res.errors).toBeUndefined();
    const byCustomer = Object.fromEntries(res.data!._entities.map((c) => [c.id, c.crmContacts]));
    expect(byCustomer.c1?.map((c) => c.id)).toEqual(['101', '111']);
    // A link to a contact the CRM no longer has is skipped; other systems' links are ignored.
    expect(byCustomer.c4?.map((c) => c.id)).toEqual(['104']);
    expect(byCustomer.c8).toEqual([]);
    expect(crm.upstreamCalls()).toEqual({
      'POST /crm/v3/objects/contacts/batch/read': 1,
      'POST /crm/v4/associations/contacts/notes/batch/read': 1,
      'POST /crm/v4/associations/contacts/calls/batch/read': 1,
      'POST /crm/v4/associations/contacts/emails/batch/read': 1,
      'POST /crm/v4/associations/contacts/tickets/batch/read': 1,
      'POST /crm/v3/objects/notes/batch/read': 1,
      'POST /crm/v3/objects/calls/batch/read': 1,
      'POST /crm/v3/objects/emails/batch/read': 1,
      'POST /crm/v3/objects/tickets/batch/read': 1,
      'GET /crm/v3/pipelines/tickets': 1,
    });
  });

  it('lists engagements newest first and maps directions, durations and ticket status from the pipeline stage', async () => {
    const res = await crm.query<{ _entities: { id: string; crmContacts: ContactShape[] }[] }>(query, { r: customers });
    const contacts = Object.fromEntries(res.data!._entities.flatMap((c) => c.crmContacts).map((c) => [c.id, c]));
    expect(contacts['101']?.notes?.map((n) => n.id)).toEqual(['5005', '5002', '5001']);
    expect(contacts['101']?.calls).toEqual([{ id: '6001', direction: 'OUTBOUND', durationSeconds: 185 }]);
    expect(contacts['102']?.emailMessages).toEqual([{ id: '7002', direction: 'INBOUND', subject: 'Re: sizes' }]);
    expect(contacts['101']?.tickets).toEqual([{ id: '8002', status: 'CLOSED', stage: 'Closed', priority: 'MEDIUM' }]);
    expect(contacts['103']?.tickets).toEqual([{ id: '8001', status: 'OPEN', stage: 'New', priority: 'HIGH' }]);
    // A ticket on two contacts shows on both; a contact with nothing logged has empty lists.
    expect(contacts['108']?.tickets?.map((t) => t.id)).toEqual(['8003']);
    expect(contacts['104']).toMatchObject({ notes: [], calls: [], emailMessages: [], tickets: [] });
  });

  it('points a contact at its identity record, which the identity hub resolves to a Customer', async () => {
    const res = await crm.query<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    expect(res.data?._service.sdl).toContain('@key(fields: "system externalId", resolvable: false)');
    const entity = await crm.query<{ _entities: { identity: { __typename: string; system: string; externalId: string } }[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CrmContact { identity { __typename system externalId } } } }`,
      { r: [{ __typename: 'CrmContact', id: '101' }] },
    );
    expect(entity.data?._entities).toEqual([{ identity: { __typename: 'SourceRecord', system: 'crm', externalId: '101' } }]);
  });

  it('resolves engagement entities by id through their loaders', async () => {
    const res = await crm.query<{ _entities: unknown[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on CrmNote { id body } ... on CrmTicket { id subject status } ... on CrmCall { id title } ... on CrmEmail { id subject } } }`,
      {
        r: [
          { __typename: 'CrmNote', id: '5003' },
          { __typename: 'CrmNote', id: '5999' },
          { __typename: 'CrmTicket', id: '8003' },
          { __typename: 'CrmCall', id: '6002' },
          { __typename: 'CrmEmail', id: '7003' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { id: '5003', body: 'Called back about the delayed order.' },
      null,
      { id: '8003', subject: 'Store pickup not ready', status: 'OPEN' },
      { id: '6002', title: 'Inbound complaint' },
      { id: '7003', subject: 'Zamówienie' },
    ]);
  });
});

describe('crm subgraph: vendor failures', () => {
  it('answers UPSTREAM_UNAVAILABLE naming the system when the CRM is down', async () => {
    crm.setFaults({ down: true });
    const res = await crm.query(`{ crmContact(id: "101") { id } }`);
    expect(res.data).toEqual({ crmContact: null });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'crm' });
  });

  it('answers UPSTREAM_RATE_LIMITED with a retry hint when HubSpot throttles', async () => {
    crm.setFaults({ rateLimitPerSecond: 0.001, rateLimitBurst: 0 });
    const res = await crm.query(`{ crmContact(id: "101") { id } }`);
    expect(res.data).toEqual({ crmContact: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', system: 'crm' });
    expect(res.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    crm.setFaults({ rateLimitBurst: 40 });
  });
});

describe('crm subgraph: identity feed', () => {
  interface FeedPage {
    records: { externalId: string; emails: string[]; phones: string[]; region: string; consent: { state: string }[]; givenName: string | null }[];
    next: string | null;
  }
  const feedUrl = (params: string) => crm.url.replace(/\/graphql$/, `/_identity/records?${params}`);

  it('pages every contact with the vendor cursor, as raw source records', async () => {
    const seen: FeedPage['records'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await fetch(feedUrl(`limit=5${after ? `&after=${encodeURIComponent(after)}` : ''}`), { headers: crm.signed() });
      const page = (await res.json()) as FeedPage;
      seen.push(...page.records);
      after = page.next;
      pages += 1;
    } while (after !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.externalId)).toEqual(['101', '102', '103', '104', '105', '106', '107', '108', '109', '110', '111', '90071992547409931']);
    expect(crm.upstreamCalls()).toEqual({ 'GET /crm/v3/objects/contacts': 3 });
    const nattaya = seen.find((r) => r.externalId === '102');
    expect(nattaya).toMatchObject({ givenName: 'Nattaya', emails: ['Nattaya.S@Example.com'], phones: ['+66 89 111 2222', '0891112223'], region: 'TH' });
    expect(nattaya?.consent).toEqual([{ channel: 'EMAIL', state: 'DENIED', capturedAt: null }]);
    expect(seen.find((r) => r.externalId === '101')?.consent[0]?.state).toBe('GRANTED');
    expect(seen.find((r) => r.externalId === '104')?.consent[0]?.state).toBe('UNKNOWN');
    // No country on the contact: no region (the hub reads its phone in each of its markets).
    expect(seen.find((r) => r.externalId === '109')?.region).toBeNull();
  });

  it('fills a large feed page from several vendor pages of at most 100', async () => {
    const res = await fetch(feedUrl('limit=1000'), { headers: crm.signed() });
    const page = (await res.json()) as FeedPage;
    expect(page.records).toHaveLength(12);
    expect(page.next).toBeNull();
    expect(crm.upstreamCalls()).toEqual({ 'GET /crm/v3/objects/contacts': 1 });
  });
});

describe('crm subgraph: recording a note', () => {
  const record = `mutation ($input: RecordCrmNoteInput!) { recordCrmNote(input: $input) { id body occurredAt } }`;
  const notesOf = async (id: string) =>
    (await crm.query<{ crmContact: { notes: { id: string; body: string }[] } }>(`{ crmContact(id: "${id}") { notes { id body } } }`)).data?.crmContact.notes ?? [];

  it('writes the note to the CRM, associated to the contact', async () => {
    const before = await notesOf('106');
    const res = await crm.query<{ recordCrmNote: { id: string; body: string; occurredAt: string } }>(record, {
      input: { contactId: '106', body: 'Asked for store pickup in Kraków.', occurredAt: '2025-06-01T10:00:00Z' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordCrmNote).toMatchObject({ body: 'Asked for store pickup in Kraków.', occurredAt: '2025-06-01T10:00:00.000Z' });
    const after = await notesOf('106');
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toEqual({ id: res.data?.recordCrmNote.id, body: 'Asked for store pickup in Kraków.' });
  });

  it('never duplicates a note retried with the same idempotency key', async () => {
    const before = await notesOf('110');
    const input = { contactId: '110', body: 'Wants a callback about sizes.', idempotencyKey: 'support-ticket-42-note-1' };
    const first = await crm.query<{ recordCrmNote: { id: string } }>(record, { input });
    const second = await crm.query<{ recordCrmNote: { id: string } }>(record, { input });
    expect(first.data?.recordCrmNote.id).toBeDefined();
    expect(second.data?.recordCrmNote.id).toBe(first.data?.recordCrmNote.id);
    expect(await notesOf('110')).toHaveLength(before.length + 1);
  });

  it('rejects bad input and unknown contacts with coded errors and writes nothing', async () => {
    const empty = await crm.query(record, { input: { contactId: '106', body: '   ' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const unknown = await crm.query(record, { input: { contactId: '424242', body: 'hello' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', system: 'crm' });
    expect(crm.upstreamCalls()['POST /crm/v3/objects/notes']).toBeUndefined();
  });
});
