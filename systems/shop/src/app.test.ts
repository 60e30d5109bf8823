import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import type { Standin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const P = '/admin/api/2024-04';
const auth = { 'x-shopify-access-token': 'dev-token' };
let standin: Standin;

beforeAll(async () => {
  standin = await createStandinApp({ dataDir: fixtureDataDir, token: 'dev-token' });
});
afterAll(async () => {
  await standin.app.close();
});

const get = (url: string, headers: Record<string, string> = auth) => standin.app.inject({ method: 'GET', url, headers });
const nextPageInfo = (link: string | string[] | number | undefined) => /<[^>]*page_info=([^>&]+)>; rel="next"/.exec(String(link ?? ''))?.[1];

describe('shop stand-in (Shopify Admin REST and GraphQL)', () => {
  it('answers a wrong access token with Shopify\'s 401 body', async () => {
    const res = await get(`${P}/customers.json`, { 'x-shopify-access-token': 'shpat_wrong' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('echoes the API version and reports the call limit', async () => {
    const res = await get(`${P}/locations.json`);
    expect(res.headers['x-shopify-api-version']).toBe('2024-04');
    expect(String(res.headers['x-shopify-shop-api-call-limit'])).toMatch(/^\d+\/40$/);
  });

  it('drops unknown ids from an ids= batch and still applies the default limit of 50', async () => {
    const res = await get(`${P}/customers.json?ids=7100000003,999,7100000001,abc`);
    const ids = (res.json() as { customers: { id: number }[] }).customers.map((c) => c.id).sort();
    expect(ids).toEqual([7100000001, 7100000003]);
    const limited = await get(`${P}/customers.json?ids=7100000001,7100000002,7100000003&limit=2`);
    expect((limited.json() as { customers: unknown[] }).customers).toHaveLength(2);
    expect(limited.headers.link).toContain('rel="next"');
  });

  it('pages with page_info in the link header and omits it when one page holds everything', async () => {
    const seen: number[] = [];
    let url = `${P}/customers.json?limit=4`;
    for (let i = 0; i < 10; i++) {
      const res = await get(url);
      seen.push(...(res.json() as { customers: { id: number }[] }).customers.map((c) => c.id));
      const next = nextPageInfo(res.headers.link);
      if (!next) break;
      url = `${P}/customers.json?limit=4&page_info=${next}`;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const single = await get(`${P}/customers.json?limit=250`);
    expect(single.headers.link).toBeUndefined();
  });

  it('refuses filters next to page_info, as Shopify does', async () => {
    const first = await get(`${P}/customers.json?limit=2`);
    const next = nextPageInfo(first.headers.link);
    const res = await get(`${P}/customers.json?limit=2&page_info=${next}&since_id=1`);
    expect(res.statusCode).toBe(400);
  });

  it('keeps the first request\'s filters in the cursor', async () => {
    const first = await get(`${P}/orders.json?status=any&customer_ids=7100000001,7100000002&limit=2`);
    const next = nextPageInfo(first.headers.link);
    const second = await get(`${P}/orders.json?limit=2&page_info=${next}`);
    const all = [...(first.json() as { orders: { id: number }[] }).orders, ...(second.json() as { orders: { id: number }[] }).orders];
    expect(all.map((o) => o.id).sort()).toEqual([5800000001, 5800000002, 5800000003, 5800000004]);
    expect(second.headers.link).toContain('rel="previous"');
  });

  it('lists only open orders unless status=any', async () => {
    const open = await get(`${P}/customers/7100000001/orders.json`);
    expect((open.json() as { orders: unknown[] }).orders).toHaveLength(1);
    const any = await get(`${P}/customers/7100000001/orders.json?status=any`);
    expect((any.json() as { orders: unknown[] }).orders).toHaveLength(3);
  });

  it('finds customers by email (any case) and by phone digits', async () => {
    const byEmail = await get(`${P}/customers/search.json?query=${encodeURIComponent('email:nok.srisuk@example.com')}`);
    expect((byEmail.json() as { customers: { id: number }[] }).customers.map((c) => c.id)).toEqual([7100000002]);
    const byPhone = await get(`${P}/customers/search.json?query=${encodeURIComponent('phone:"+66 81 234 5678"')}`);
    expect((byPhone.json() as { customers: { id: number }[] }).customers.map((c) => c.id)).toEqual([7100000001]);
  });

  it('serves variants of a product, inventory items by id, the customer count, and caps inventory level ids at 50', async () => {
    const variants = (await get(`${P}/products/8000000001/variants.json`)).json() as { variants: { sku: string; inventory_item_id: number }[] };
    expect(variants.variants.length).toBeGreaterThan(0);
    const items = (await get(`${P}/inventory_items.json?ids=${variants.variants[0]!.inventory_item_id}`)).json() as { inventory_items: { sku: string }[] };
    expect(items.inventory_items.map((i) => i.sku)).toEqual([variants.variants[0]!.sku]);
    expect(((await get(`${P}/customers/count.json`)).json() as { count: number }).count).toBeGreaterThan(5);
    const tooMany = Array.from({ length: 51 }, (_, i) => 4700000001 + i).join(',');
    expect((await get(`${P}/inventory_levels.json?inventory_item_ids=${tooMany}`)).statusCode).toBe(422);
    // REST has no SKU lookup: that is GraphQL's productVariants (below).
    expect((await get(`${P}/variants.json?sku=TOTE-NAT`)).statusCode).toBe(404);
  });

  it('accepts every supported quarterly API version, serves an older one as the oldest supported, refuses unknown ones', async () => {
    for (const version of ['2024-07', '2025-01', '2025-10', '2026-01']) {
      const res = await get(`/admin/api/${version}/locations.json`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-shopify-api-version']).toBe(version);
    }
    const old = await get('/admin/api/2023-01/locations.json');
    expect([old.statusCode, old.headers['x-shopify-api-version']]).toEqual([200, '2024-04']);
    for (const version of ['2024-05', '2099-01', 'latest']) expect((await get(`/admin/api/${version}/locations.json`)).statusCode).toBe(404);
  });

  it('honours fields= on REST reads', async () => {
    const res = (await get(`${P}/customers.json?ids=7100000001&fields=id,email`)).json() as { customers: Record<string, unknown>[] };
    expect(Object.keys(res.customers[0]!).sort()).toEqual(['email', 'id']);
    const order = (await get(`${P}/orders.json?status=any&limit=1&fields=id,name`)).json() as { orders: Record<string, unknown>[] };
    expect(Object.keys(order.orders[0]!).sort()).toEqual(['id', 'name']);
  });

  const graphql = (query: string, variables: Record<string, unknown> = {}) =>
    standin.app.inject({ method: 'POST', url: `${P}/graphql.json`, headers: { ...auth, 'content-type': 'application/json' }, payload: { query, variables } });

  it('answers GraphQL orders by customer and variants by SKU with Shopify’s query cost extension', async () => {
    const orders = (await graphql(`query($q: String!) { orders(first: 50, query: $q) { pageInfo { hasNextPage } nodes { legacyResourceId customer { legacyResourceId } } } }`, { q: 'customer_id:7100000001 OR customer_id:7100000002' })).json() as {
      data: { orders: { nodes: { customer: { legacyResourceId: string } }[] } };
      extensions: { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } };
    };
    expect(orders.data.orders.nodes.length).toBeGreaterThan(0);
    expect(new Set(orders.data.orders.nodes.map((n) => n.customer.legacyResourceId))).toEqual(new Set(['7100000001', '7100000002'].filter((id) => orders.data.orders.nodes.some((n) => n.customer.legacyResourceId === id))));
    expect(orders.extensions.cost.requestedQueryCost).toBe(52);
    expect(orders.extensions.cost.actualQueryCost).toBeLessThanOrEqual(52);
    expect(orders.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 1000, restoreRate: 50 });
    const variants = (await graphql(`{ productVariants(first: 10, query: "sku:TOTE-NAT OR sku:NOPE OR sku:MUG-BLU") { nodes { sku price product { legacyResourceId } inventoryItem { tracked } } } }`)).json() as { data: { productVariants: { nodes: { sku: string }[] } } };
    expect(variants.data.productVariants.nodes.map((v) => v.sku).sort()).toEqual(['MUG-BLU', 'TOTE-NAT']);
    const unknown = (await graphql(`{ orders(first: 1) { nodes { page_id } } }`)).json() as { errors: { message: string }[] };
    expect(unknown.errors[0]!.message).toMatch(/Cannot query field "page_id"/);
  });

  it('refuses a GraphQL query above the single-query maximum and throttles when the bucket is short', async () => {
    const big = (await graphql(`{ orders(first: 250) { nodes { legacyResourceId customer { legacyResourceId } } } productVariants(first: 250) { nodes { sku } } draftOrders(first: 250) { nodes { name } } orders2: orders(first: 250) { nodes { name } } }`)).json() as { errors: { extensions: { code: string } }[] };
    expect(big.errors[0]!.extensions.code).toBe('MAX_COST_EXCEEDED');
    await standin.app.inject({ method: 'PUT', url: '/__admin/graphql-cost', payload: { currentlyAvailable: 100 } });
    const res = (await graphql(`{ productVariants(first: 250) { nodes { sku } } }`)).json() as { data?: unknown; errors: { message: string; extensions: { code: string } }[]; extensions: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number } } } };
    await standin.app.inject({ method: 'PUT', url: '/__admin/graphql-cost', payload: { currentlyAvailable: 1000 } });
    expect(res.data).toBeUndefined();
    expect(res.errors[0]).toMatchObject({ message: 'Throttled', extensions: { code: 'THROTTLED' } });
    expect(res.extensions.cost.requestedQueryCost).toBe(252);
    expect(res.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(252);
  });

  it('keeps carts as draft orders: create, edit, complete once into an order; no Idempotency-Key', async () => {
    const send = (method: 'POST' | 'PUT', url: string, payload: unknown) => standin.app.inject({ method, url: `${P}${url}`, headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'same' }, payload: payload as object });
    const body = { draft_order: { customer: { id: 7100000001 }, line_items: [{ variant_id: 4500000001, quantity: 1 }], tags: 'og-test' } };
    const a = (await send('POST', '/draft_orders.json', body)).json() as { draft_order: { id: number; status: string } };
    const b = (await send('POST', '/draft_orders.json', body)).json() as { draft_order: { id: number } };
    expect(b.draft_order.id).not.toBe(a.draft_order.id);
    expect((await send('POST', '/draft_orders.json', { draft_order: { line_items: [{ variant_id: 1, quantity: 1 }] } })).statusCode).toBe(422);
    const tagged = (await graphql(`{ draftOrders(first: 5, query: "tag:og-test") { nodes { legacyResourceId status } } }`)).json() as { data: { draftOrders: { nodes: { status: string }[] } } };
    expect(tagged.data.draftOrders.nodes.length).toBe(2);
    const edited = (await send('PUT', `/draft_orders/${a.draft_order.id}.json`, { draft_order: { line_items: [{ variant_id: 4500000001, quantity: 3 }] } })).json() as { draft_order: { line_items: { quantity: number }[] } };
    expect(edited.draft_order.line_items[0]!.quantity).toBe(3);
    const done = (await send('PUT', `/draft_orders/${a.draft_order.id}/complete.json`, {})).json() as { draft_order: { status: string; order_id: number } };
    expect(done.draft_order.status).toBe('completed');
    expect((await get(`${P}/orders/${done.draft_order.order_id}.json`)).statusCode).toBe(200);
    expect((await send('PUT', `/draft_orders/${a.draft_order.id}/complete.json`, {})).statusCode).toBe(422);
    const fo = (await get(`${P}/orders/${done.draft_order.order_id}/fulfillment_orders.json`)).json() as { fulfillment_orders: { id: number; status: string }[] };
    expect(fo.fulfillment_orders[0]!.status).toBe('open');
    const fulfil = { fulfillment: { line_items_by_fulfillment_order: [{ fulfillment_order_id: fo.fulfillment_orders[0]!.id }] } };
    expect((await send('POST', '/fulfillments.json', fulfil)).statusCode).toBe(201);
    expect((await send('POST', '/fulfillments.json', fulfil)).statusCode).toBe(422);
  });

  it('answers unknown records and routes with {"errors":"Not Found"}', async () => {
    for (const url of [`${P}/customers/1.json`, `${P}/orders/1.json`, `${P}/nothing.json`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errors: 'Not Found' });
    }
  });

  it('throttles with 429, Retry-After 2.0 and a full call-limit header', async () => {
    Object.assign(standin.faults, { rateLimitPerSecond: 1, rateLimitBurst: 1 });
    try {
      await standin.app.inject({ method: 'PUT', url: '/__admin/faults', payload: { rateLimitBurst: 1 } });
      await get(`${P}/locations.json`);
      const res = await get(`${P}/locations.json`);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('2.0');
      expect(res.headers['x-shopify-shop-api-call-limit']).toBe('40/40');
    } finally {
      await standin.app.inject({ method: 'PUT', url: '/__admin/faults', payload: { rateLimitPerSecond: 0, rateLimitBurst: 40 } });
    }
  });
});
