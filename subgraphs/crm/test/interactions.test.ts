import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { createSubgraph } from '../src/server.ts';
import { loadSubgraphConfig } from '../src/config.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const RECORD = `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) {
  contact { id } contactCreated channel
  note { id body channel occurredAt }
  call { id title body occurredAt }
} }`;
const NOTES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { crmContacts { id notes { id body channel } calls { id body } } } } }`;

interface Recorded {
  recordInteraction: {
    contact: { id: string };
    contactCreated: boolean;
    channel: string;
    note: { id: string; body: string; channel: string | null; occurredAt: string } | null;
    call: { id: string; title: string; body: string; occurredAt: string } | null;
  };
}

const CUSTOMER = 'cus_aaaaaaaaaaaaaaaa';
const NEWCOMER = 'cus_bbbbbbbbbbbbbbbb';

describe('recordInteraction against the HubSpot stand-in', () => {
  let crm: Component;
  beforeAll(async () => {
    crm = await startComponent('crm');
  });
  afterAll(async () => {
    await crm?.close();
  });
  beforeEach(() => crm.resetCalls());

  it('writes a note carrying the channel on the given contact, visible at once in its notes; a retry writes nothing more', async () => {
    const input = { customerId: CUSTOMER, crmContactId: '101', channel: 'LINE', summary: 'Asked on LINE whether the blue tee comes in XL', occurredAt: '2026-01-05T10:00:00Z', idempotencyKey: 'int-line-1' };
    const first = await crm.query<Recorded>(RECORD, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordInteraction).toMatchObject({
      contact: { id: '101' },
      contactCreated: false,
      channel: 'LINE',
      note: { body: input.summary, channel: 'LINE', occurredAt: '2026-01-05T10:00:00.000Z' },
      call: null,
    });
    const retry = await crm.query<Recorded>(RECORD, { input });
    expect(retry.data!.recordInteraction.note!.id).toBe(first.data!.recordInteraction.note!.id);
    // The retry found the note by its idempotency property and wrote nothing.
    expect(crm.upstreamCalls()['POST /crm/v3/objects/notes']).toBe(1);
    expect(crm.upstreamCalls()['POST /crm/v3/objects/notes/search']).toBe(2);

    const read = await crm.query<{ _entities: { crmContacts: { id: string; notes: { id: string; body: string; channel: string | null }[] }[] }[] }>(NOTES, {
      reps: [{ __typename: 'Customer', id: CUSTOMER, links: [{ system: 'crm', externalId: '101' }] }],
    });
    const notes = read.data!._entities[0]!.crmContacts[0]!.notes.filter((n) => n.body === input.summary);
    expect(notes).toEqual([{ id: first.data!.recordInteraction.note!.id, body: input.summary, channel: 'LINE' }]);
  });

  it('logs a PHONE interaction as a call on the contact', async () => {
    const res = await crm.query<Recorded>(RECORD, { input: { customerId: CUSTOMER, crmContactId: '101', channel: 'PHONE', summary: 'Called about a late delivery', idempotencyKey: 'int-phone-1' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordInteraction).toMatchObject({ channel: 'PHONE', note: null, call: { title: 'Called about a late delivery', body: 'Called about a late delivery' } });
    expect(crm.upstreamCalls()).toMatchObject({ 'POST /crm/v3/objects/calls': 1 });
  });

  it('creates one contact carrying omnigraph_customer_id for a person without one, finds it again next time, and feeds it to the hub as a reference', async () => {
    const first = await crm.query<Recorded>(RECORD, { input: { customerId: NEWCOMER, channel: 'MESSENGER', summary: 'First message on Messenger', idempotencyKey: 'int-new-1' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordInteraction).toMatchObject({ contactCreated: true, channel: 'MESSENGER', note: { channel: 'MESSENGER' } });
    const contactId = first.data!.recordInteraction.contact.id;
    // Retried, and a second interaction before the hub has linked the contact: still one contact.
    const retry = await crm.query<Recorded>(RECORD, { input: { customerId: NEWCOMER, channel: 'MESSENGER', summary: 'First message on Messenger', idempotencyKey: 'int-new-1' } });
    const second = await crm.query<Recorded>(RECORD, { input: { customerId: NEWCOMER, channel: 'INSTAGRAM', summary: 'Then a DM on Instagram', idempotencyKey: 'int-new-2' } });
    expect(retry.data!.recordInteraction.contact.id).toBe(contactId);
    expect(retry.data!.recordInteraction.note!.id).toBe(first.data!.recordInteraction.note!.id);
    expect(second.data!.recordInteraction.contact.id).toBe(contactId);
    expect(crm.upstreamCalls()['POST /crm/v3/objects/contacts']).toBe(1);

    // The identity feed names the hub customer on that contact.
    const subgraph = createSubgraph(loadSubgraphConfig({ ...process.env, PORT: '0', UPSTREAM_URL: crm.systemUrl }));
    const records = [];
    let after: string | null = null;
    do {
      const page = await subgraph.identityFeed!({ after, limit: 500, info: { requestId: 'test', headers: {}, logger: (await import('../../../lib/logger.ts')).createLogger('test'), caller: { actor: 'test', roles: [], requestId: 'test', issuer: 'test' } } });
      records.push(...page.records);
      after = page.next;
    } while (after);
    expect(records.find((r) => r.externalId === contactId)?.references).toEqual([{ system: 'identity', externalId: NEWCOMER, via: 'hubspot omnigraph_customer_id' }]);
  });

  it.each([
    ['an unknown contact', { crmContactId: '999999999' }, 'NOT_FOUND', 'crmContactId'],
    ['a contact id that is not numeric', { crmContactId: 'abc' }, 'BAD_USER_INPUT', 'crmContactId'],
    ['a customer id that is not the hub’s', { customerId: 'someone' }, 'BAD_USER_INPUT', 'customerId'],
    ['an empty summary', { summary: '   ' }, 'BAD_USER_INPUT', 'summary'],
    ['the AD channel', { channel: 'AD' }, 'BAD_USER_INPUT', 'channel'],
    ['a contact created for another customer', { crmContactId: 'CREATED', customerId: 'cus_cccccccccccccccc' }, 'BAD_USER_INPUT', 'crmContactId'],
  ] as [string, Record<string, string>, string, string][])('refuses %s with a coded error and writes nothing', async (_name, override, code, field) => {
    let crmContactId = override.crmContactId ?? '101';
    if (crmContactId === 'CREATED') {
      const made = await crm.query<Recorded>(RECORD, { input: { customerId: 'cus_dddddddddddddddd', channel: 'WEB', summary: 'x', idempotencyKey: 'int-owner' } });
      crmContactId = made.data!.recordInteraction.contact.id;
      crm.resetCalls();
    }
    const input = { customerId: CUSTOMER, channel: 'ZALO', summary: 'Hello', idempotencyKey: `bad-${field}-${code}`, ...override, crmContactId };
    const res = await crm.query(RECORD, { input });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
    const calls = crm.upstreamCalls();
    for (const write of ['POST /crm/v3/objects/notes', 'POST /crm/v3/objects/calls', 'POST /crm/v3/objects/contacts']) expect(calls[write] ?? 0).toBe(0);
  });
});
