import { createAdminApiClient, createAdminRestApiClient } from '@shopify/admin-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { listenStandin, type Standin } from '../../../systems/lib/standin.ts';
import { createStandinApp } from '../../../systems/shop/src/app.ts';
import { contractTally } from '../../../test/helpers/contract-tally.ts';

/**
 * Shopify's own client (@shopify/admin-api-client: its GraphQL and REST clients) against the shop
 * stand-in, for every endpoint the connector and flows use: each answer must parse as the client
 * expects (GraphQL `data`/`errors`/`extensions.cost`, REST JSON and `link` paging), with Shopify's
 * error and throttling shapes. The count "calls that behave as Shopify does / calls tried" is
 * printed at the end. (@shopify/shopify-api is not used: it needs an app's OAuth session machinery
 * and adapters around the same two clients, which add nothing to what is checked here.)
 */
const STORE = 'omni-test.myshopify.com';
const VERSION = '2025-01';
let standin: Standin;
let origin: string;

/** The clients call https://{store}; this points them at the stand-in, as a test double of the network only. */
const toStandin = (url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(`https://${STORE}`, origin), init);

const graphql = () => createAdminApiClient({ storeDomain: STORE, apiVersion: VERSION, accessToken: 'sdk-token', customFetchApi: toStandin as typeof fetch });
const rest = (accessToken = 'sdk-token') => createAdminRestApiClient({ storeDomain: STORE, apiVersion: VERSION, accessToken, customFetchApi: toStandin as typeof fetch, retries: 0 });

beforeAll(async () => {
  standin = await createStandinApp({ dataDir: fixtureDataDir, token: 'sdk-token' });
  origin = await listenStandin(standin, 0);
});
afterAll(async () => {
  report();
  await standin?.app.close();
});

const { call, report } = contractTally('Shopify client contract', 'Shopify');

const json = async <T>(res: Response): Promise<T> => {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
};

describe('@shopify/admin-api-client against the Shopify stand-in', () => {
  call('GraphQL orders(query: "customer_id:… OR customer_id:…") with the cost extension', async () => {
    const res = await graphql().request(`query($q: String!) { orders(first: 50, query: $q, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { legacyResourceId customer { legacyResourceId } } } }`, {
      variables: { q: 'customer_id:7100000001 OR customer_id:7100000002' },
    });
    expect(res.errors).toBeUndefined();
    const nodes = (res.data as { orders: { nodes: { customer: { legacyResourceId: string } }[] } }).orders.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => ['7100000001', '7100000002'].includes(n.customer.legacyResourceId))).toBe(true);
    expect((res.extensions as { cost: { requestedQueryCost: number } }).cost.requestedQueryCost).toBe(52);
  });

  call('GraphQL productVariants(query: "sku:…")', async () => {
    const res = await graphql().request(`{ productVariants(first: 10, query: "sku:\\"TOTE-NAT\\" OR sku:\\"MUG-BLU\\"") { nodes { legacyResourceId sku price product { legacyResourceId } inventoryItem { legacyResourceId tracked } } } }`);
    expect(res.errors).toBeUndefined();
    expect((res.data as { productVariants: { nodes: { sku: string }[] } }).productVariants.nodes.map((n) => n.sku).sort()).toEqual(['MUG-BLU', 'TOTE-NAT']);
  });

  call('GraphQL draftOrders(query: "tag:…") and cursor paging', async () => {
    const r = rest();
    for (let i = 0; i < 3; i++) await json(await r.post('draft_orders', { data: { draft_order: { line_items: [{ variant_id: 4500000001, quantity: 1 }], tags: 'sdk-paging' } } }));
    const page = async (after: string | null) =>
      (await graphql().request(`query($after: String) { draftOrders(first: 2, after: $after, query: "tag:sdk-paging") { pageInfo { hasNextPage endCursor } nodes { legacyResourceId tags } } }`, { variables: { after } })).data as {
        draftOrders: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { tags: string[] }[] };
      };
    const first = await page(null);
    expect(first.draftOrders.nodes).toHaveLength(2);
    expect(first.draftOrders.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.draftOrders.pageInfo.endCursor);
    expect(second.draftOrders.nodes).toHaveLength(1);
    expect(second.draftOrders.nodes[0]!.tags).toEqual(['sdk-paging']);
  });

  call('GraphQL throttling: THROTTLED with throttleStatus, HTTP 200', async () => {
    await fetch(`${origin}/__admin/graphql-cost`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currentlyAvailable: 10 }) });
    try {
      const res = await graphql().request(`{ productVariants(first: 250) { nodes { sku } } }`);
      expect(res.data).toBeUndefined();
      expect(res.errors?.graphQLErrors?.[0]).toMatchObject({ message: 'Throttled', extensions: { code: 'THROTTLED' } });
      expect(res.errors?.response?.status).toBe(200);
    } finally {
      await fetch(`${origin}/__admin/graphql-cost`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currentlyAvailable: 1000 }) });
    }
  });

  call('GraphQL an unknown field is a validation error', async () => {
    const res = await graphql().request(`{ orders(first: 1) { nodes { platform } } }`);
    expect(res.errors?.graphQLErrors?.[0]?.message).toMatch(/platform/);
  });

  call('REST customers.json?ids=&limit= and page_info paging in the link header', async () => {
    const batch = await json<{ customers: { id: number }[] }>(await rest().get('customers', { searchParams: { ids: '7100000001,7100000002,1', limit: 250 } }));
    expect(batch.customers.map((c) => c.id).sort()).toEqual([7100000001, 7100000002]);
    const first = await rest().get('customers', { searchParams: { limit: 3 } });
    const link = first.headers.get('link') ?? '';
    const pageInfo = /page_info=([^>&]+)>; rel="next"/.exec(link)?.[1];
    expect(pageInfo).toBeTruthy();
    const second = await json<{ customers: { id: number }[] }>(await rest().get('customers', { searchParams: { limit: 3, page_info: pageInfo! } }));
    expect(second.customers[0]!.id).toBeGreaterThan((await json<{ customers: { id: number }[] }>(first)).customers[2]!.id);
  });

  call('REST customers/count.json', async () => {
    expect((await json<{ count: number }>(await rest().get('customers/count'))).count).toBeGreaterThan(0);
  });

  call('REST fields= keeps only the named fields', async () => {
    const res = await json<{ customers: Record<string, unknown>[] }>(await rest().get('customers', { searchParams: { ids: '7100000001', fields: 'id,email' } }));
    expect(Object.keys(res.customers[0]!).sort()).toEqual(['email', 'id']);
  });

  call('REST orders.json?ids=&status=any and orders/{id}.json', async () => {
    const list = await json<{ orders: { id: number }[] }>(await rest().get('orders', { searchParams: { status: 'any', limit: 5 } }));
    const id = list.orders[0]!.id;
    const byIds = await json<{ orders: { id: number }[] }>(await rest().get('orders', { searchParams: { ids: String(id), status: 'any' } }));
    expect(byIds.orders.map((o) => o.id)).toEqual([id]);
    expect((await json<{ order: { id: number } }>(await rest().get(`orders/${id}`))).order.id).toBe(id);
  });

  call('REST products.json?ids=, products/{id}/variants.json, inventory_items.json', async () => {
    const products = await json<{ products: { id: number }[] }>(await rest().get('products', { searchParams: { ids: '8000000001', limit: 250 } }));
    expect(products.products.map((p) => p.id)).toEqual([8000000001]);
    const variants = await json<{ variants: { inventory_item_id: number; sku: string }[] }>(await rest().get('products/8000000001/variants'));
    const items = await json<{ inventory_items: { id: number; sku: string }[] }>(await rest().get('inventory_items', { searchParams: { ids: String(variants.variants[0]!.inventory_item_id) } }));
    expect(items.inventory_items[0]!.sku).toBe(variants.variants[0]!.sku);
  });

  call('REST inventory_levels.json and locations.json', async () => {
    const locations = await json<{ locations: { id: number }[] }>(await rest().get('locations'));
    expect(locations.locations.length).toBeGreaterThan(0);
    const levels = await json<{ inventory_levels: { location_id: number }[] }>(await rest().get('inventory_levels', { searchParams: { inventory_item_ids: '4700000001', limit: 250 } }));
    expect(levels.inventory_levels.length).toBeGreaterThan(0);
  });

  call('REST draft order create, update, complete; fulfilment through fulfillment orders', async () => {
    const r = rest();
    const created = await json<{ draft_order: { id: number; status: string } }>(await r.post('draft_orders', { data: { draft_order: { customer: { id: 7100000001 }, line_items: [{ variant_id: 4500000001, quantity: 1 }] } } }));
    expect(created.draft_order.status).toBe('open');
    const updated = await json<{ draft_order: { line_items: { quantity: number }[]; note_attributes: { name: string }[] } }>(
      await r.put(`draft_orders/${created.draft_order.id}`, { data: { draft_order: { line_items: [{ variant_id: 4500000001, quantity: 2 }], note_attributes: [{ name: 'pickup_store_id', value: 'L1' }], shipping_line: { title: 'Pickup in store', price: '0.00' } } } }),
    );
    expect(updated.draft_order.line_items[0]!.quantity).toBe(2);
    const done = await json<{ draft_order: { status: string; order_id: number } }>(await r.put(`draft_orders/${created.draft_order.id}/complete`, { data: {} }));
    expect(done.draft_order.status).toBe('completed');
    const again = await r.put(`draft_orders/${created.draft_order.id}/complete`, { data: {} });
    expect(again.status).toBe(422);
    const fos = await json<{ fulfillment_orders: { id: number; status: string }[] }>(await r.get(`orders/${done.draft_order.order_id}/fulfillment_orders`));
    expect(fos.fulfillment_orders[0]!.status).toBe('open');
    const fulfilled = await r.post('fulfillments', { data: { fulfillment: { line_items_by_fulfillment_order: [{ fulfillment_order_id: fos.fulfillment_orders[0]!.id }], notify_customer: false } } });
    expect(fulfilled.status).toBe(201);
  });

  call('REST webhooks.json subscription', async () => {
    const res = await json<{ webhook: { id: number | string; topic: string; api_version: string } }>(await rest().post('webhooks', { data: { webhook: { topic: 'orders/create', address: 'http://127.0.0.1:9/hook', format: 'json' } } }));
    expect(res.webhook).toMatchObject({ topic: 'orders/create', api_version: VERSION });
  });

  call('REST errors: 404 {"errors":"Not Found"}, 401 for a wrong token', async () => {
    const missing = await rest().get('orders/1');
    expect([missing.status, await missing.json()]).toEqual([404, { errors: 'Not Found' }]);
    const wrong = await rest('shpat_wrong').get('locations');
    expect(wrong.status).toBe(401);
  });

  call('REST throttling: 429 with Retry-After and the call-limit header', async () => {
    // Shopify's leak rate: 2 calls a second, so an empty bucket frees a call in about 2 s.
    Object.assign(standin.faults, { rateLimitPerSecond: 0.5, rateLimitBurst: 0 });
    try {
      const res = await rest().get('locations');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2.0');
      expect(res.headers.get('x-shopify-shop-api-call-limit')).toBe('40/40');
    } finally {
      Object.assign(standin.faults, { rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });
});
