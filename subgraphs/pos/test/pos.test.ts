import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { customerByEmail, fixture, locationNamed, ordersOf } from './fixtures.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const somchai = customerByEmail('somchai.j@example.com');
const anna = customerByEmail('anna.kowalska@example.pl');
const pim = customerByEmail('PIM.Srisuk@Example.com');
const bangkok = locationNamed('Bangkok');
const saigon = locationNamed('Ho Chi Minh City');
const warsaw = locationNamed('Warszawa');
const chiangMai = locationNamed('Chiang Mai');
const MISSING_CUSTOMER = '0000000000000000000000000X';

interface Money {
  amount: string;
  currencyCode: string;
}

describe('pos subgraph against the Square stand-in', () => {
  let pos: Component;
  beforeAll(async () => {
    pos = await startComponent('pos');
  });
  afterAll(async () => {
    await pos.close();
  });
  beforeEach(() => {
    pos.setFaults({ down: false, errorRate: 0, latencyMs: 0, rateLimitPerSecond: 0 });
    pos.resetCalls();
  });

  it('returns a POS customer with the link key its person is resolved by', async () => {
    const res = await pos.query<{ posCustomer: Record<string, unknown> }>(
      `query($id: ID!) { posCustomer(id: $id) { id givenName familyName email phone note referenceId createdAt identity { system externalId } loyalty { balance lifetimePoints } } }`,
      { id: somchai.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.posCustomer).toEqual({
      id: somchai.id,
      givenName: 'Somchai',
      familyName: 'Jaidee',
      email: 'somchai.j@example.com',
      phone: '+66812345678',
      note: 'Prefers LINE for pickup notices',
      referenceId: 'crm:1001',
      createdAt: somchai.created_at,
      identity: { system: 'pos', externalId: somchai.id },
      loyalty: { balance: 40, lifetimePoints: 60 },
    });
  });

  it('answers null, without an error, for a customer Square does not have', async () => {
    const res = await pos.query(`{ posCustomer(id: "${MISSING_CUSTOMER}") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ posCustomer: null });
  });

  it('resolves 12 customers with their sales and loyalty in one bulk-retrieve, two order searches and one loyalty search', async () => {
    const representations = [...fixture.customers.map((c) => ({ __typename: 'PosCustomer', id: c.id })), { __typename: 'PosCustomer', id: MISSING_CUSTOMER }];
    const res = await pos.query<{ _entities: ({ id: string; sales: { id: string; createdAt: string }[]; loyalty: { balance: number } | null } | null)[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on PosCustomer { id sales(first: 2) { id createdAt } loyalty { balance } } } }`,
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data?._entities ?? [];
    expect(entities).toHaveLength(13);
    expect(entities[12]).toBeNull();
    fixture.customers.forEach((c, i) => {
      expect(entities[i]?.id).toBe(c.id);
      expect(entities[i]?.sales.map((s) => s.id)).toEqual(ordersOf(c.id).slice(0, 2).map((o) => o.id));
    });
    expect(entities.filter((e) => e?.loyalty).length).toBe(4);
    // Square caps customer_ids at 10 per order search: 12 customers cost two searches, not 12.
    expect(pos.upstreamCalls()).toEqual({
      'POST /v2/customers/bulk-retrieve': 1,
      'GET /v2/locations': 1,
      'POST /v2/orders/search': 2,
      'POST /v2/loyalty/accounts/search': 1,
    });
  });

  it('lists sales newest first across every store, including another country’s store', async () => {
    const res = await pos.query<{ posCustomer: { sales: { id: string; state: string; total: Money; store: { id: string } }[] } }>(
      `query($id: ID!) { posCustomer(id: $id) { sales(first: 10) { id state total { amount currencyCode } store { id } } } }`,
      { id: somchai.id },
    );
    expect(res.errors).toBeUndefined();
    const sales = res.data?.posCustomer.sales ?? [];
    expect(sales.map((s) => s.id)).toEqual(ordersOf(somchai.id).map((o) => o.id));
    expect(sales.map((s) => s.store.id)).toContain(warsaw.id);
    expect(sales.find((s) => s.store.id === warsaw.id)?.total.currencyCode).toBe('PLN');
    expect(pos.upstreamCalls()['GET /v2/locations']).toBe(1);
  });

  it('refuses a sales page size outside 1-100 as bad input', async () => {
    const res = await pos.query(`query($id: ID!) { posCustomer(id: $id) { sales(first: 0) { id } } }`, { id: somchai.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('first');
  });

  it('adds the POS records of Customers through their pos links, in one bulk-retrieve, skipping links to records Square no longer has', async () => {
    const representations = [
      { __typename: 'Customer', id: 'c-1', links: [{ system: 'pos', externalId: somchai.id }, { system: 'crm', externalId: '1001' }] },
      { __typename: 'Customer', id: 'c-2', links: [{ system: 'pos', externalId: anna.id }, { system: 'pos', externalId: MISSING_CUSTOMER }] },
      { __typename: 'Customer', id: 'c-3', links: [{ system: 'shop', externalId: '207119551' }] },
    ];
    const res = await pos.query<{ _entities: { posCustomers: { id: string; email: string | null }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { posCustomers { id email } } } }`,
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { posCustomers: [{ id: somchai.id, email: 'somchai.j@example.com' }] },
      { posCustomers: [{ id: anna.id, email: 'anna.kowalska@example.pl' }] },
      { posCustomers: [] },
    ]);
    expect(pos.upstreamCalls()).toEqual({ 'POST /v2/customers/bulk-retrieve': 1 });
  });

  it('returns a store sale with decimal money in the currency’s minor digits, SKUs from the catalog and the store', async () => {
    const [thb] = ordersOf(pim.id).filter((o) => (o.line_items ?? []).some((l) => !l.catalog_object_id));
    const vnd = fixture.orders.find((o) => o.location_id === saigon.id);
    expect(thb && vnd).toBeTruthy();
    const res = await pos.query<{ thb: Record<string, unknown>; vnd: { total: Money; lineItems: { price: Money }[] } }>(
      `query($a: ID!, $b: ID!) {
        thb: posOrder(id: $a) { id state closedAt total { amount currencyCode } store { id name currency } identity { system externalId }
          lineItems { sku name quantity price { amount currencyCode } product { sku } } }
        vnd: posOrder(id: $b) { total { amount currencyCode } lineItems { price { amount currencyCode } } }
      }`,
      { a: thb?.id, b: vnd?.id },
    );
    expect(res.errors).toBeUndefined();
    const order = res.data?.thb as { total: Money; lineItems: { sku: string | null; product: unknown; price: Money }[]; store: unknown; identity: unknown };
    expect(order.total).toEqual({ amount: ((thb?.total_money?.amount ?? 0) / 100).toFixed(2), currencyCode: 'THB' });
    expect(order.store).toEqual({ id: bangkok.id, name: 'Omni Store Bangkok Siam', currency: 'THB' });
    expect(order.identity).toEqual({ system: 'pos', externalId: pim.id });
    const giftWrap = order.lineItems.find((l) => l.sku === null);
    expect(giftWrap).toMatchObject({ product: null, price: { amount: '20.00', currencyCode: 'THB' } });
    expect(order.lineItems.filter((l) => l.sku !== null).every((l) => (l.product as { sku: string }).sku === l.sku)).toBe(true);
    expect(res.data?.vnd.total.currencyCode).toBe('VND');
    expect(res.data?.vnd.total.amount).toMatch(/^\d+$/);
    expect(res.data?.vnd.lineItems[0]?.price.amount).toMatch(/^\d+$/);
    // Two orders, their SKUs and their stores: one call per resource.
    expect(pos.upstreamCalls()).toEqual({ 'POST /v2/orders/batch-retrieve': 1, 'POST /v2/catalog/batch-retrieve': 1, 'GET /v2/locations': 1 });
  });

  it('resolves order entities in one batch-retrieve and answers null for ids Square omits', async () => {
    const ids = ordersOf(pim.id).map((o) => o.id);
    const res = await pos.query<{ _entities: ({ id: string } | null)[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on PosOrder { id } } }`,
      { r: [...ids, 'NoSuchOrder0000000000000000'].map((id) => ({ __typename: 'PosOrder', id })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([...ids.map((id) => ({ id })), null]);
    expect(pos.upstreamCalls()).toEqual({ 'POST /v2/orders/batch-retrieve': 1 });
  });

  it('lists every store, trading or not, with one locations call however many store fields ask', async () => {
    const res = await pos.query<{ stores: { id: string; status: string; timezone: string; country: string; city: string }[]; store: { name: string } | null; none: unknown }>(
      `query($id: ID!) { stores { id status timezone country city } store(id: $id) { name } none: store(id: "NOSUCHSTORE00") { id } }`,
      { id: warsaw.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.stores).toHaveLength(4);
    expect(res.data?.stores.find((s) => s.id === chiangMai.id)?.status).toBe('INACTIVE');
    expect(res.data?.stores.find((s) => s.id === saigon.id)).toMatchObject({ timezone: 'Asia/Ho_Chi_Minh', country: 'VN', city: 'Ho Chi Minh City' });
    expect(res.data?.store).toEqual({ name: 'Omni Store Warszawa Mokotow' });
    expect(res.data?.none).toBeNull();
    expect(pos.upstreamCalls()).toEqual({ 'GET /v2/locations': 1 });
  });

  it('gives each product its local price and stock in every trading store, in one catalog search and one counts call', async () => {
    const res = await pos.query<{ _entities: { sku: string; name: string | null; stores: { store: { id: string }; price: Money | null; quantity: number | null; inStock: boolean }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name stores { store { id } price { amount currencyCode } quantity inStock } } } }`,
      { r: ['TEE-BLK-M', 'TOTE-NAT', 'WEB-ONLY-SKU'].map((sku) => ({ __typename: 'Product', sku })) },
    );
    expect(res.errors).toBeUndefined();
    const [tee, tote, webOnly] = res.data?._entities ?? [];
    expect(tee?.name).toBe('Classic Tee - Black / M');
    expect(tee?.stores).toEqual([
      { store: { id: bangkok.id }, price: { amount: '590.00', currencyCode: 'THB' }, quantity: 12, inStock: true },
      { store: { id: saigon.id }, price: { amount: '199000', currencyCode: 'VND' }, quantity: 3, inStock: true },
      { store: { id: warsaw.id }, price: { amount: '79.00', currencyCode: 'PLN' }, quantity: 0, inStock: false },
    ]);
    // Sold only in Bangkok (present_at_location_ids), and single-variation items keep the item name.
    expect(tote).toEqual({ sku: 'TOTE-NAT', name: 'Canvas Tote', stores: [{ store: { id: bangkok.id }, price: { amount: '450.00', currencyCode: 'THB' }, quantity: 9, inStock: true }] });
    // A SKU only the web shop sells still resolves, so the shop's fields of it survive.
    expect(webOnly).toEqual({ sku: 'WEB-ONLY-SKU', name: null, stores: [] });
    expect(pos.upstreamCalls()).toEqual({
      'POST /v2/catalog/search': 1,
      'POST /v2/inventory/counts/batch-retrieve': 1,
      'GET /v2/locations': 1,
    });
  });

  it('answers one store’s offer, and null for a store that does not sell the product', async () => {
    const res = await pos.query<{ _entities: { here: { quantity: number } | null; there: unknown }[] }>(
      `query($r: [_Any!]!, $here: ID!, $there: ID!) { _entities(representations: $r) { ... on Product { here: storeOffer(storeId: $here) { quantity } there: storeOffer(storeId: $there) { quantity } } } }`,
      { r: [{ __typename: 'Product', sku: 'TOTE-NAT' }], here: bangkok.id, there: warsaw.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ here: { quantity: 9 }, there: null }]);
  });

  it('reports an outage as UPSTREAM_UNAVAILABLE from pos instead of failing the request', async () => {
    pos.setFaults({ down: true });
    const res = await pos.query(`query($id: ID!) { posCustomer(id: $id) { id } }`, { id: somchai.id });
    expect(res.data).toEqual({ posCustomer: null });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'pos' });
  });

  it('keeps a customer record when only its sales fail (throttled order search)', async () => {
    // Two tokens: the bulk-retrieve and the locations call pass, the order search is throttled.
    await fetch(`${pos.systemUrl}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitPerSecond: 0.001, rateLimitBurst: 2 }),
    });
    const res = await pos.query<{ posCustomer: { email: string; sales: unknown } }>(`query($id: ID!) { posCustomer(id: $id) { email sales { id } } }`, { id: somchai.id });
    expect(res.data?.posCustomer).toEqual({ email: 'somchai.j@example.com', sales: null });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['posCustomer', 'sales'], 'UPSTREAM_RATE_LIMITED']]);
  });

  it('backs off on Square’s header-less 429 and reports UPSTREAM_RATE_LIMITED with a suggested wait', async () => {
    await fetch(`${pos.systemUrl}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitPerSecond: 0.001, rateLimitBurst: 0 }),
    });
    const res = await pos.query(`{ stores { id } }`);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_RATE_LIMITED', system: 'pos', retryAfterSeconds: 1 });
    // One call and two retries with backoff, then give up inside the request's budget.
    expect(pos.upstreamCalls()).toEqual({ 'GET /v2/locations': 3 });
  });

  it('serves Square’s 401 body to a wrong token', async () => {
    const res = await fetch(`${pos.systemUrl}/v2/locations`, { headers: { authorization: 'Bearer wrong-token' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: 'This request could not be authorized.' }] });
  });

  it('enforces Square’s caps with its 400 errors: 10 customers per order search, 100 per list page', async () => {
    const headers = { authorization: 'Bearer dev-token', 'content-type': 'application/json' };
    const search = await fetch(`${pos.systemUrl}/v2/orders/search`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ location_ids: [bangkok.id], query: { filter: { customer_filter: { customer_ids: fixture.customers.slice(0, 11).map((c) => c.id) } } } }),
    });
    expect(search.status).toBe(400);
    expect(((await search.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('ARRAY_LENGTH_TOO_LONG');
    const noLocations = await fetch(`${pos.systemUrl}/v2/orders/search`, { method: 'POST', headers, body: JSON.stringify({ query: {} }) });
    expect(((await noLocations.json()) as { errors: { code: string; field: string }[] }).errors[0]).toMatchObject({ code: 'MISSING_REQUIRED_PARAMETER', field: 'location_ids' });
    const list = await fetch(`${pos.systemUrl}/v2/customers?limit=101`, { headers });
    expect(list.status).toBe(400);
    expect(await list.json()).toEqual({
      errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'VALUE_TOO_HIGH', detail: '`limit` must be less than or equal to 100.', field: 'limit' }],
    });
  });

  it('feeds every customer to the identity hub page by page with Square’s cursor, references and consent', async () => {
    const base = pos.url.replace(/\/graphql$/, '');
    const records: { externalId: string; emails: string[]; phones: string[]; region: string | null; references: unknown[]; consent: unknown[] }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const url: string = `${base}/_identity/records?limit=5${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const page = (await (await fetch(url, { headers: pos.signed() })).json()) as { records: typeof records; next: string | null };
      records.push(...page.records);
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    // The stores ride on the first page as the retailer's own records (their email and phone are never a customer's evidence).
    const stores = records.filter((r) => r.externalId.startsWith('location:'));
    expect(stores.length).toBeGreaterThan(0);
    expect(stores.every((r) => (r as { retailer?: boolean }).retailer === true)).toBe(true);
    expect(records.filter((r) => !r.externalId.startsWith('location:')).map((r) => r.externalId).sort()).toEqual(fixture.customers.map((c) => c.id).sort());
    expect(pos.upstreamCalls()).toMatchObject({ 'GET /v2/customers': 3 });
    const s = records.find((r) => r.externalId === somchai.id);
    expect(s).toMatchObject({ system: 'pos', kind: 'customer', emails: ['somchai.j@example.com'], phones: ['+66812345678'], region: 'TH' });
    expect(s?.references).toEqual([{ system: 'crm', externalId: '1001', via: 'square reference_id' }]);
    expect(records.find((r) => r.externalId === anna.id)?.consent).toEqual([{ channel: 'EMAIL', state: 'DENIED', capturedAt: anna.updated_at }]);
    // A reference_id that is not "crm:<id>" is not a link.
    expect(records.find((r) => r.emails.includes('piotr.nowak@example.pl'))?.references).toEqual([]);
    const walkIn = records.find((r) => r.phones.includes('081-234-5678'));
    expect(walkIn).toMatchObject({ givenName: null, displayName: null, emails: [], consent: [] });
  });
});

describe('pos subgraph with small order pages and a wrong token', () => {
  it('follows Square’s order-search cursor, through its empty last page', async () => {
    process.env.POS_ORDERS_PAGE_LIMIT = '2';
    const pos = await startComponent('pos');
    delete process.env.POS_ORDERS_PAGE_LIMIT;
    try {
      const res = await pos.query<{ posCustomer: { sales: { id: string }[] } }>(`query($id: ID!) { posCustomer(id: $id) { sales(first: 100) { id } } }`, { id: pim.id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.posCustomer.sales.map((s) => s.id)).toEqual(ordersOf(pim.id).map((o) => o.id));
      // 6 orders in pages of 2: three full pages, each with a cursor, then Square's empty page.
      expect(pos.upstreamCalls()['POST /v2/orders/search']).toBe(4);
    } finally {
      await pos.close();
    }
  });

  it('reports a rejected access token as an upstream error from pos, not as the caller being unauthenticated', async () => {
    process.env.UPSTREAM_TOKEN = 'expired-token';
    const pos = await startComponent('pos');
    delete process.env.UPSTREAM_TOKEN;
    try {
      const res = await pos.query(`{ stores { id } }`);
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_ERROR', system: 'pos' });
      expect(pos.upstreamCalls()).toEqual({ 'GET /v2/locations': 1 });
    } finally {
      await pos.close();
    }
  });
});
