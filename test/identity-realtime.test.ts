import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_DATASET, readGroundTruth, startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * Real-time identity, end to end (every process real): a person known to the store signs up
 * in the web shop; the shop's `customers/create` webhook nudges the hub, which reads the shop's
 * feed since its watermark and links the new account. No backfill is run after start-up.
 */

const SHOP_API = '/admin/api/2024-04';
const CUSTOMER_360 = `query($system: String!, $externalId: ID!) {
  customerBySourceId(system: $system, externalId: $externalId) {
    id
    links { system externalId rule linkedAt }
    shopAccounts { id email }
    posCustomers { id sales(first: 5) { id total { amount currencyCode } } }
  }
}`;

interface Person {
  id: string;
  links: { system: string; externalId: string; rule: string; linkedAt: string }[];
  shopAccounts: { id: string; email: string | null }[] | null;
  posCustomers: { id: string; sales: { id: string }[] | null }[] | null;
}

interface SquareCustomer {
  id: string;
  given_name?: string | null;
  family_name?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
}

const ndjson = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

describe('identity in real time', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { identity: { IDENTITY_SYNC: 'on' } } });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('links a customer created in the shop within 5 s and shows their store history in the 360, with no backfill', { timeout: 120_000 }, async () => {
    // The hub's sync is nudged by the shop's webhook (an operator registers it like any Shopify app webhook).
    const hubOrigin = new URL(stack.subgraphs.identity!).origin;
    const shop = stack.systems.shop!;
    const subscribe = await fetch(`${shop}${SHOP_API}/webhooks.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'dev-token' },
      body: JSON.stringify({ webhook: { topic: 'customers/create', address: `${hubOrigin}/_identity/sync` } }),
    });
    expect(subscribe.status).toBe(201);

    // A person the stores know (a POS customer with an email and sales) who has no web shop account yet.
    const truth = readGroundTruth(E2E_DATASET.dir);
    const withShop = new Set(truth.filter((r) => r.system === 'shop').map((r) => r.personId));
    const personOf = new Map(truth.filter((r) => r.system === 'pos').map((r) => [r.externalId, r.personId]));
    const shopEmails = new Set(ndjson<{ email?: string | null }>(join(E2E_DATASET.dir, 'shop/customers.ndjson')).map((c) => (c.email ?? '').toLowerCase()));
    const candidates = ndjson<SquareCustomer>(join(E2E_DATASET.dir, 'pos/customers.ndjson')).filter(
      (c) => c.email_address && c.given_name && !withShop.has(personOf.get(c.id) ?? '') && !shopEmails.has(c.email_address.toLowerCase()),
    );
    let walkIn: { customer: SquareCustomer; before: Person } | undefined;
    for (const customer of candidates.slice(0, 40)) {
      const res = await stack.query<{ customerBySourceId: Person | null }>(CUSTOMER_360, { system: 'pos', externalId: customer.id });
      const before = res.data?.customerBySourceId;
      if (before && before.posCustomers?.some((p) => (p.sales?.length ?? 0) > 0) && !before.links.some((l) => l.system === 'shop')) {
        walkIn = { customer, before };
        break;
      }
    }
    expect(walkIn, 'a POS customer with an email and sales and no shop account').toBeDefined();
    const { customer, before } = walkIn!;

    // They sign up online with the email the store has.
    const created = await fetch(`${shop}${SHOP_API}/customers.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'dev-token' },
      body: JSON.stringify({ customer: { first_name: customer.given_name, last_name: customer.family_name, email: customer.email_address!.toUpperCase() } }),
    });
    expect(created.status).toBe(201);
    const shopId = String(((await created.json()) as { customer: { id: number } }).customer.id);
    const createdAt = Date.now();

    // Poll the hub (through the gateway) until it knows the new account, for at most 5 s.
    let linkedTo: string | null = null;
    while (!linkedTo && Date.now() - createdAt < 5_000) {
      const res = await stack.query<{ customerBySourceId: { id: string } | null }>(
        'query($e: ID!) { customerBySourceId(system: "shop", externalId: $e) { id } }',
        { e: shopId },
      );
      linkedTo = res.data?.customerBySourceId?.id ?? null;
      if (!linkedTo) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(linkedTo, `shop:${shopId} linked within 5 s`).not.toBeNull();
    // The customer 360 of the new account: the same person, with their store history.
    const res = await stack.query<{ customerBySourceId: Person | null }>(CUSTOMER_360, { system: 'shop', externalId: shopId });
    expect(res.errors).toBeUndefined();
    const found = res.data?.customerBySourceId ?? null;
    expect(found!.id).toBe(before.id);
    expect(found!.links).toContainEqual(expect.objectContaining({ system: 'shop', externalId: shopId, rule: 'EMAIL' }));
    expect(found!.shopAccounts?.map((a) => a.id)).toContain(shopId);
    // Their store history, in the same answer.
    expect(found!.posCustomers?.find((p) => p.id === customer.id)?.sales?.length).toBeGreaterThan(0);

    // The webhook fired and reached the hub.
    const hooks = (await (await fetch(`${shop}/__admin/webhooks`)).json()) as { deliveries: { topic: string; address: string; status: string }[] };
    expect(hooks.deliveries).toContainEqual(expect.objectContaining({ topic: 'customers/create', address: `${hubOrigin}/_identity/sync`, status: 'DELIVERED' }));
    // Linked after it was created (by the sync, no backfill ran after start-up).
    const link = found!.links.find((l) => l.system === 'shop' && l.externalId === shopId)!;
    expect(Date.parse(link.linkedAt)).toBeGreaterThanOrEqual(createdAt - 1_000);
  });

  it('links a CRM contact created by recordInteraction to its customer within 5 s, with no backfill', { timeout: 120_000 }, async () => {
    const page = await stack.query<{ customers: { edges: { node: { id: string; links: { system: string }[] } }[] } }>(`{ customers(first: 100) { edges { node { id links { system } } } } }`);
    const target = page.data!.customers.edges.map((e) => e.node).find((c) => !c.links.some((l) => l.system === 'crm'));
    expect(target, 'a person with no CRM contact yet').toBeDefined();
    const recorded = await stack.query<{ recordInteraction: { contact: { id: string }; contactCreated: boolean } }>(
      `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { contact { id } contactCreated } }`,
      { input: { customerId: target!.id, channel: 'LINE', summary: 'asked about opening hours', idempotencyKey: `realtime-contact-${target!.id}` } },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordInteraction.contactCreated).toBe(true);
    const contactId = recorded.data!.recordInteraction.contact.id;
    const started = Date.now();
    let linked = false;
    while (!linked && Date.now() - started < 5_000) {
      const res = await stack.query<{ customer: { links: { system: string; externalId: string; rule: string }[] } | null }>(
        'query($id: ID!) { customer(id: $id) { links { system externalId rule } } }',
        { id: target!.id },
      );
      linked = res.data?.customer?.links.some((l) => l.system === 'crm' && l.externalId === contactId) ?? false;
      if (!linked) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(linked, `crm:${contactId} linked to ${target!.id} within 5 s`).toBe(true);
  });
});
