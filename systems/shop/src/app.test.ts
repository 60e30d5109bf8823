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

describe('shop stand-in (Shopify Admin REST 2024-04)', () => {
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

  it('looks variants up by SKU (stand-in extension) and caps inventory item ids at 50', async () => {
    const res = await get(`${P}/variants.json?sku=TOTE-NAT,NOPE,MUG-BLU`);
    expect((res.json() as { variants: { sku: string }[] }).variants.map((v) => v.sku).sort()).toEqual(['MUG-BLU', 'TOTE-NAT']);
    const tooMany = Array.from({ length: 51 }, (_, i) => 4700000001 + i).join(',');
    expect((await get(`${P}/inventory_levels.json?inventory_item_ids=${tooMany}`)).statusCode).toBe(422);
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
