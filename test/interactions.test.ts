import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, signedAs } from './helpers/component.ts';
import { startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * C4, the customer never repeats their story: an interaction recorded from any channel is
 * written to the CRM (the system of record) and is visible at once wherever the person is read.
 */

const RECORD = `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) {
  contact { id } contactCreated channel note { id body channel } call { id }
} }`;

const PERSON = `query($id: ID!) { customer(id: $id) {
  id links { system externalId }
  crmContacts { id notes { id body channel } }
  interactions(first: 100) { nodes { id channel kind summary system } }
} }`;

interface Person {
  customer: {
    id: string;
    links: { system: string; externalId: string }[];
    crmContacts: { id: string; notes: { id: string; body: string; channel: string | null }[] }[] | null;
    interactions: { nodes: { id: string; channel: string; kind: string; summary: string; system: string }[] } | null;
  };
}
interface Recorded {
  recordInteraction: { contact: { id: string }; contactCreated: boolean; channel: string; note: { id: string; body: string; channel: string } | null; call: { id: string } | null };
}

describe('recording an interaction through the gateway (C4 write)', () => {
  let stack: TestStack;
  let customers: { id: string; links: { system: string }[] }[] = [];
  const person = async (id: string) => {
    const res = await stack.query<Person>(PERSON, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.customer;
  };

  beforeAll(async () => {
    // The backfill path is what this file tests; real-time linking of such a contact is test/identity-realtime.test.ts.
    stack = await startTestStack();
    const res = await stack.query<{ customers: { edges: { node: { id: string; links: { system: string }[] } }[] } }>(`{ customers(first: 100) { edges { node { id links { system } } } } }`);
    customers = res.data!.customers.edges.map((e) => e.node);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows an interaction recorded from a social channel at once in crmContacts notes and in the journey, and a retry writes one note', async () => {
    const target = customers.find((c) => c.links.some((l) => l.system === 'crm') && c.links.some((l) => l.system === 'social'))!;
    expect(target, 'the e2e data set has a person in the CRM and on social').toBeDefined();
    const before = await person(target.id);
    const contactId = before.crmContacts![0]!.id;
    const summary = `Asked on Messenger about store pickup ${target.id}`;
    const input = { customerId: target.id, crmContactId: contactId, channel: 'MESSENGER', summary, idempotencyKey: `e2e-interaction-${target.id}` };

    const first = await stack.query<Recorded>(RECORD, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordInteraction).toMatchObject({ contact: { id: contactId }, contactCreated: false, channel: 'MESSENGER', note: { body: summary, channel: 'MESSENGER' }, call: null });
    const retry = await stack.query<Recorded>(RECORD, { input });
    expect(retry.data!.recordInteraction.note!.id).toBe(first.data!.recordInteraction.note!.id);

    const after = await person(target.id);
    const notes = after.crmContacts!.find((c) => c.id === contactId)!.notes.filter((n) => n.body === summary);
    expect(notes).toEqual([{ id: first.data!.recordInteraction.note!.id, body: summary, channel: 'MESSENGER' }]);
    // The journey's interactions read the same CRM note, on the channel it happened on.
    const events = after.interactions!.nodes.filter((e) => e.id === `crm:note:${first.data!.recordInteraction.note!.id}`);
    expect(events).toEqual([{ id: `crm:note:${first.data!.recordInteraction.note!.id}`, channel: 'MESSENGER', kind: 'NOTE', summary, system: 'crm' }]);
  }, 60_000);

  it('refuses an unknown CRM contact with NOT_FOUND and writes nothing', async () => {
    const target = customers.find((c) => c.links.some((l) => l.system === 'crm'))!;
    await stack.resetUpstreamCalls();
    const res = await stack.query(RECORD, { input: { customerId: target.id, crmContactId: '999999999999', channel: 'ZALO', summary: 'Hello', idempotencyKey: 'e2e-unknown-contact' } });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', system: 'crm', field: 'crmContactId' } });
    const calls = await stack.upstreamCalls('crm');
    for (const write of ['POST /crm/v3/objects/notes', 'POST /crm/v3/objects/calls', 'POST /crm/v3/objects/contacts']) expect(calls[write] ?? 0).toBe(0);
  });

  it('creates a CRM contact for a person without one, and the next identity backfill links it to them', async () => {
    const target = customers.find((c) => !c.links.some((l) => l.system === 'crm') && c.links.some((l) => l.system === 'social'))!;
    expect(target, 'the e2e data set has a person only on other channels').toBeDefined();
    const summary = `First contact on LINE ${target.id}`;
    const res = await stack.query<Recorded>(RECORD, { input: { customerId: target.id, channel: 'LINE', summary, idempotencyKey: `e2e-new-contact-${target.id}` } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordInteraction).toMatchObject({ contactCreated: true, note: { channel: 'LINE' } });
    const contactId = res.data!.recordInteraction.contact.id;
    expect((await person(target.id)).crmContacts).toEqual([]);

    // The hub's backfill (an admin operation, run here on the hub itself) reads the CRM feed again.
    const backfill = await postGraphQL<{ runBackfill: { linksCreated: number } }>(
      stack.subgraphs.identity!,
      `mutation { runBackfill(idempotencyKey: "e2e-backfill-${target.id}") { linksCreated } }`,
      {},
      signedAs('identity', { actor: 'e2e', roles: ['admin'] }, stack.internalKey),
    );
    expect(backfill.errors).toBeUndefined();
    expect(backfill.data!.runBackfill.linksCreated).toBeGreaterThanOrEqual(1);

    const after = await person(target.id);
    expect(after.links).toContainEqual({ system: 'crm', externalId: contactId });
    expect(after.crmContacts).toEqual([{ id: contactId, notes: [{ id: res.data!.recordInteraction.note!.id, body: summary, channel: 'LINE' }] }]);
  }, 60_000);
});
