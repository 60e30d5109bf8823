import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import type { SourceRecord, SourceRecordPage } from '../../../lib/identity-feed.ts';

const API = 'GET /admin/api/:version';
const GRAPHQL = 'POST /admin/api/:version/graphql.json';
let shop: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  shop = await startComponent('shop');
});
afterAll(async () => {
  await shop?.close();
});
beforeEach(() => {
  shop.setFaults({ down: false, rateLimitPerSecond: 0, errorRate: 0 });
  shop.resetCalls();
});

const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on ShopCustomer { id email orders(first: 5) { id name } }
  ... on Customer { id shopAccounts { id firstName } }
  ... on Product { sku name online { price { amount currencyCode } available variantId } }
} }`;

const customerIds = Array.from({ length: 8 }, (_, i) => String(7100000001 + i));

describe('shop subgraph against the Shopify stand-in', () => {
  it('resolves 8 shop customers and their orders with one customers call and one orders call', async () => {
    const res = await shop.query<{ _entities: { id: string; orders: { name: string }[] }[] }>(ENTITIES, {
      reps: customerIds.map((id) => ({ __typename: 'ShopCustomer', id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((c) => c.id)).toEqual(customerIds);
    expect(res.data?._entities[0]?.orders.map((o) => o.name)).toEqual(['#1003', '#1002', '#1001']);
    expect(res.data?._entities[7]?.orders.map((o) => o.name)).toEqual(['#1010']);
    // Orders by customer: their ids through GraphQL (REST has no customer filter), then one REST read.
    expect(shop.upstreamCalls()).toEqual({ [`${API}/customers.json`]: 1, [GRAPHQL]: 1, [`${API}/orders.json`]: 1 });
  });

  it('answers Customer.shopAccounts from shop links only, skipping accounts the shop no longer has, in one call', async () => {
    const res = await shop.query<{ _entities: { id: string; shopAccounts: { id: string; firstName: string }[] }[] }>(ENTITIES, {
      reps: [
        {
          __typename: 'Customer',
          id: 'c-1',
          links: [
            { system: 'shop', externalId: '7100000001' },
            { system: 'crm', externalId: '7100000002' },
            { system: 'shop', externalId: '7199999999' },
          ],
        },
        { __typename: 'Customer', id: 'c-2', links: [{ system: 'shop', externalId: '7100000006' }] },
        { __typename: 'Customer', id: 'c-3', links: [{ system: 'pos', externalId: 'X' }] },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { id: 'c-1', shopAccounts: [{ id: '7100000001', firstName: 'Somchai' }] },
      { id: 'c-2', shopAccounts: [{ id: '7100000006', firstName: 'Anna' }] },
      { id: 'c-3', shopAccounts: [] },
    ]);
    expect(shop.upstreamCalls()).toEqual({ [`${API}/customers.json`]: 1 });
  });

  it('returns a customer with Shopify decimals as money, consent per channel and addresses', async () => {
    const res = await shop.query(`{ shopCustomer(id: "7100000001") {
      displayName state ordersCount totalSpent { amount currencyCode } tags
      consent { email { state optInLevel updatedAt } sms { state } }
      defaultAddress { countryCode phone isDefault } addresses { city }
      identity { __typename system externalId }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.shopCustomer).toEqual({
      displayName: 'Somchai Jaidee',
      state: 'ENABLED',
      ordersCount: 3,
      totalSpent: { amount: '3340.50', currencyCode: 'THB' },
      tags: ['VIP', 'newsletter'],
      consent: { email: { state: 'SUBSCRIBED', optInLevel: 'single_opt_in', updatedAt: '2025-06-01T08:00:00+07:00' }, sms: { state: 'SUBSCRIBED' } },
      defaultAddress: { countryCode: 'TH', phone: '081-234-5678', isDefault: true },
      addresses: [{ city: 'Bangkok' }],
      identity: { __typename: 'SourceRecord', system: 'shop', externalId: '7100000001' },
    });
  });

  it('lists orders of every status newest first and honours first', async () => {
    const res = await shop.query<{ shopCustomer: { orders: { name: string; financialStatus: string; fulfillmentStatus: string; cancelledAt: string | null }[] } }>(
      `{ shopCustomer(id: "7100000001") { orders(first: 2) { name financialStatus fulfillmentStatus cancelledAt } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.shopCustomer.orders).toEqual([
      { name: '#1003', financialStatus: 'PAID', fulfillmentStatus: 'UNFULFILLED', cancelledAt: null },
      { name: '#1002', financialStatus: 'REFUNDED', fulfillmentStatus: 'UNFULFILLED', cancelledAt: '2025-09-15T14:30:00+07:00' },
    ]);
  });

  it('returns null for an unknown customer and a coded error for a malformed id, without calling the shop', async () => {
    const unknown = await shop.query(`{ shopCustomer(id: "7199999999") { id } }`);
    expect(unknown).toEqual({ data: { shopCustomer: null } });
    shop.resetCalls();
    const bad = await shop.query(`{ shopCustomer(id: "gid://shopify/Customer/1") { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(shop.upstreamTotal()).toBe(0);
  });

  it('joins an order\'s line items to products with web price and web-warehouse stock in one call per resource', async () => {
    const res = await shop.query(`{ shopOrder(id: "5800000001") {
      name total { amount currencyCode } shopCustomer { id }
      lineItems { sku quantity price { amount } product { sku name online { price { amount currencyCode } compareAtPrice { amount } available variantId } } }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.shopOrder).toEqual({
      name: '#1001',
      total: { amount: '1590.00', currencyCode: 'THB' },
      shopCustomer: { id: '7100000001' },
      lineItems: [
        {
          sku: 'LS-WHT-M',
          quantity: 1,
          price: { amount: '890.00' },
          product: { sku: 'LS-WHT-M', name: 'Linen Shirt - White / M', online: { price: { amount: '890.00', currencyCode: 'THB' }, compareAtPrice: { amount: '990.00' }, available: 12, variantId: '4500000001' } },
        },
        {
          sku: 'TOTE-NAT',
          quantity: 2,
          price: { amount: '350.00' },
          product: { sku: 'TOTE-NAT', name: 'Canvas Tote', online: { price: { amount: '350.00', currencyCode: 'THB' }, compareAtPrice: null, available: 40, variantId: '4500000003' } },
        },
      ],
    });
    expect(shop.upstreamCalls()).toEqual({
      [`${API}/orders.json`]: 1,
      [`${API}/customers.json`]: 1,
      [GRAPHQL]: 1,
      [`${API}/products.json`]: 1,
      [`${API}/inventory_levels.json`]: 1,
      [`${API}/locations.json`]: 1,
    });
  });

  it('resolves Product entities by SKU and leaves online null for a SKU the web shop does not sell', async () => {
    const res = await shop.query(ENTITIES, {
      reps: [
        { __typename: 'Product', sku: 'MUG-BLU' },
        { __typename: 'Product', sku: 'STORE-ONLY-1' },
        { __typename: 'Product', sku: 'BSK-RTN' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { sku: 'MUG-BLU', name: 'Ceramic Mug', online: { price: { amount: '259.00', currencyCode: 'THB' }, available: 5, variantId: '4500000004' } },
      { sku: 'STORE-ONLY-1', name: null, online: null },
      { sku: 'BSK-RTN', name: 'Rattan Basket', online: { price: { amount: '1250.50', currencyCode: 'THB' }, available: 2, variantId: '4500000006' } },
    ]);
    expect(shop.upstreamCalls()[GRAPHQL]).toBe(1);
    expect(shop.upstreamCalls()[`${API}/inventory_levels.json`]).toBe(1);
  });

  it('pages the catalogue with page_info cursors, one node per SKU', async () => {
    const skus: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: { products: { nodes: { sku: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null; errors?: unknown } =
        await shop.query(`query ($after: String) { products(first: 2, after: $after) { nodes { sku } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(res.errors).toBeUndefined();
      skus.push(...(res.data?.products.nodes.map((n) => n.sku) ?? []));
      after = res.data?.products.pageInfo.endCursor ?? null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(skus).toEqual(['LS-WHT-M', 'LS-WHT-L', 'TOTE-NAT', 'MUG-BLU', 'BSK-RTN']);
    expect(shop.upstreamCalls()).toEqual({ [`${API}/products.json`]: 3 });
  });

  it('rejects a forged products cursor with a coded error', async () => {
    const res = await shop.query(`{ products(first: 2, after: "not-a-cursor") { nodes { sku } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', system: 'shop' });
  });

  it('reports UPSTREAM_UNAVAILABLE naming the shop when the shop is down', async () => {
    shop.setFaults({ down: true });
    const res = await shop.query(`{ shopCustomer(id: "7100000001") { id } products(first: 1) { nodes { sku } } }`);
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions)).toContainEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'shop' });
  });

  it('fails only the failing entity field when the shop is down', async () => {
    shop.setFaults({ down: true });
    const res = await shop.query<{ _entities: unknown[] }>(ENTITIES, {
      reps: [
        { __typename: 'Customer', id: 'c-1', links: [{ system: 'shop', externalId: '7100000001' }] },
        { __typename: 'Customer', id: 'c-3', links: [] },
      ],
    });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'shop' });
    expect(res.data?._entities[1]).toEqual({ id: 'c-3', shopAccounts: [] });
  });

  it('keeps a customer record when only its orders cannot be read', async () => {
    // A bucket of one call: the customer read takes it, the orders read is throttled.
    const admin = (faults: object) =>
      fetch(`${shop.systemUrl}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    await admin({ rateLimitPerSecond: 0.01, rateLimitBurst: 1 });
    try {
      const res = await shop.query(`{ shopCustomer(id: "7100000003") { id email orders { name } } }`);
      expect(res.data).toEqual({ shopCustomer: { id: '7100000003', email: 'anong@example.co.th', orders: null } });
      expect(res.errors?.[0]).toMatchObject({ path: ['shopCustomer', 'orders'], extensions: { code: 'UPSTREAM_RATE_LIMITED', system: 'shop' } });
    } finally {
      await admin({ rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });

  it('maps Shopify 429 throttling to UPSTREAM_RATE_LIMITED with the Retry-After seconds', async () => {
    shop.setFaults({ rateLimitPerSecond: 1, rateLimitBurst: 0 });
    const res = await shop.query(`{ shopCustomer(id: "7100000002") { id } }`);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_RATE_LIMITED', system: 'shop', retryAfterSeconds: 2 });
    shop.setFaults({ rateLimitBurst: 40 });
  });

  it('serves the identity feed page by page with Shopify cursors, raw phones and consent', async () => {
    const feed = new URL('/_identity/records', shop.url);
    const records: SourceRecord[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      feed.searchParams.set('limit', '4');
      if (after) feed.searchParams.set('after', after);
      const page = (await (await fetch(feed, { headers: shop.signed() })).json()) as SourceRecordPage;
      records.push(...page.records);
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    // The shop (shop.json, when the system has one) and the warehouse ride on the first page as records of the retailer itself.
    const retailer = records.filter((r) => r.retailer);
    expect(retailer.length).toBeGreaterThan(0);
    expect(retailer.every((r) => r.kind === 'location' && /^(location|shop):/.test(r.externalId))).toBe(true);
    expect(records.filter((r) => !r.retailer).map((r) => r.externalId)).toEqual(Array.from({ length: 10 }, (_, i) => String(7100000001 + i)));
    expect(shop.upstreamCalls()).toMatchObject({ [`${API}/customers.json`]: 3 });

    const nok = records.find((r) => r.externalId === '7100000002');
    expect(nok).toMatchObject({
      system: 'shop',
      kind: 'customer',
      emails: ['Nok.Srisuk@Example.com'],
      phones: ['0898765432'],
      region: 'TH',
      consent: [
        { channel: 'EMAIL', state: 'DENIED', capturedAt: '2025-06-02T08:00:00+07:00' },
        { channel: 'SMS', state: 'DENIED', capturedAt: '2025-07-02T08:00:00+07:00' },
      ],
      references: [],
    });
    const somchai = records.find((r) => r.externalId === '7100000001');
    expect(somchai?.phones).toEqual(['+66812345678', '081-234-5678']);
    const tran = records.find((r) => r.externalId === '7100000005');
    expect(tran).toMatchObject({ emails: [], region: 'VN', consent: [{ channel: 'SMS', state: 'GRANTED' }] });
  });
});
