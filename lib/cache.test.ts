import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedBatch, EntityCache, MemoryStore, NoStore, RedisStore, type CacheStore } from './cache.ts';

const REDIS_URL = process.env.REDIS_URL;

function contract(name: string, makeStore: () => CacheStore, skip: string | false) {
  describe.skipIf(Boolean(skip))(`${name} store${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const store = skip ? new NoStore() : makeStore();
    const namespace = `omnigraph-test-${randomUUID().slice(0, 8)}`;
    const cache = new EntityCache(store, 'pos', namespace, { customer: 60_000, orders: 60_000 });
    afterAll(async () => {
      if (store instanceof RedisStore) {
        const keys = await store.client.keys(`${namespace}:*`);
        if (keys.length) await store.client.del(...keys);
      }
      await store.close();
    });

    it('keys entries as <namespace>:<system>:<resource>:<id>', () => {
      expect(cache.key('customer', 'C1')).toBe(`${namespace}:pos:customer:C1`);
    });

    it('returns stored values by key in order, misses as undefined', async () => {
      await cache.mset('customer', [
        ['A', { id: 'A', n: 1 }],
        ['B', { id: 'B', n: 2 }],
      ]);
      expect(await cache.mget('customer', ['B', 'X', 'A'])).toEqual([{ id: 'B', n: 2 }, undefined, { id: 'A', n: 1 }]);
      expect(await cache.get('customer', 'A')).toEqual({ id: 'A', n: 1 });
    });

    it('hands out copies: changing a returned value does not change the cache', async () => {
      await cache.set('customer', 'M', { id: 'M', tags: ['a'] });
      const first = await cache.get<{ tags: string[] }>('customer', 'M');
      first?.tags.push('b');
      expect(await cache.get('customer', 'M')).toEqual({ id: 'M', tags: ['a'] });
    });

    it('deletes invalidated keys', async () => {
      await cache.set('customer', 'D', { id: 'D' });
      await cache.del([['customer', 'D']]);
      expect(await cache.get('customer', 'D')).toBeUndefined();
    });

    it('expires entries after their TTL', async () => {
      await cache.set('customer', 'T', { id: 'T' }, 50);
      expect(await cache.get('customer', 'T')).toEqual({ id: 'T' });
      await new Promise((r) => setTimeout(r, 120));
      expect(await cache.get('customer', 'T')).toBeUndefined();
    });

    it('read-through fetches only the misses, in one call, and stores what was found (not unknown ids)', async () => {
      await cache.set('orders', 'c1', [{ id: 'o1' }]);
      const calls: string[][] = [];
      const fetch = async (ids: string[]) => {
        calls.push(ids);
        return ids.map((id) => (id === 'unknown' ? null : [{ id: `o-${id}` }]));
      };
      const first = await cachedBatch(cache, { resource: 'orders' }, ['c1', 'c2', 'unknown', 'c2'], fetch);
      expect(first).toEqual([[{ id: 'o1' }], [{ id: 'o-c2' }], null, [{ id: 'o-c2' }]]);
      expect(calls).toEqual([['c2', 'unknown']]);
      await cachedBatch(cache, { resource: 'orders' }, ['c1', 'c2', 'unknown'], fetch);
      expect(calls).toEqual([['c2', 'unknown'], ['unknown']]);
    });

    it('read-through does not store a value whose key was invalidated while it was being fetched', async () => {
      const result = await cachedBatch(cache, { resource: 'customer' }, ['R'], async () => {
        await cache.del([['customer', 'R']]);
        return [{ id: 'R', stale: true }];
      });
      expect(result).toEqual([{ id: 'R', stale: true }]);
      expect(await cache.get('customer', 'R')).toBeUndefined();
    });

    it('read-through does not cache per-id errors', async () => {
      const err = new Error('boom');
      expect(await cachedBatch(cache, { resource: 'customer' }, ['E'], async () => [err])).toEqual([err]);
      expect(await cache.get('customer', 'E')).toBeUndefined();
    });
  });
}

contract('in-memory', () => new MemoryStore({ maxEntries: 100 }), false);
contract('Redis', () => new RedisStore(REDIS_URL as string), REDIS_URL ? false : 'REDIS_URL is not set');

describe('in-memory store bounds', () => {
  it('evicts the least recently used entries beyond its entry bound', async () => {
    const cache = new EntityCache(new MemoryStore({ maxEntries: 2 }), 'crm', 'ns', { contact: 60_000 });
    await cache.mset('contact', [
      ['1', 1],
      ['2', 2],
    ]);
    await cache.get('contact', '1');
    await cache.set('contact', '3', 3);
    expect(await cache.mget('contact', ['1', '2', '3'])).toEqual([1, undefined, 3]);
  });

  it('evicts beyond its byte bound', async () => {
    const cache = new EntityCache(new MemoryStore({ maxBytes: 2_000 }), 'crm', 'ns', { contact: 60_000 });
    await cache.set('contact', 'big1', 'x'.repeat(600));
    await cache.set('contact', 'big2', 'x'.repeat(600));
    expect(await cache.get('contact', 'big1')).toBeUndefined();
    expect(await cache.get('contact', 'big2')).toBeDefined();
  });
});

describe('a cache turned off or a resource without TTL', () => {
  it('always fetches', async () => {
    let calls = 0;
    const off = new EntityCache(new NoStore(), 'shop', 'ns', { customer: 60_000 });
    const noTtl = new EntityCache(new MemoryStore(), 'shop', 'ns', {});
    for (const cache of [off, noTtl, off, noTtl]) {
      await cachedBatch(cache, { resource: 'customer' }, ['1'], async (ids) => ids.map((id) => ({ id, n: ++calls })));
    }
    expect(calls).toBe(4);
  });
});

describe('Redis unreachable', () => {
  it('degrades to no cache: reads miss, writes and deletes do nothing, nothing throws', async () => {
    const store = new RedisStore('redis://127.0.0.1:1', undefined, { commandTimeoutMs: 100 });
    const cache = new EntityCache(store, 'pos', 'ns', { customer: 60_000 });
    try {
      await cache.set('customer', 'A', { id: 'A' });
      await cache.del([['customer', 'A']]);
      let calls = 0;
      const result = await cachedBatch(cache, { resource: 'customer' }, ['A'], async (ids) => ids.map((id) => ({ id, n: ++calls })));
      expect(result).toEqual([{ id: 'A', n: 1 }]);
      expect(await cache.get('customer', 'A')).toBeUndefined();
    } finally {
      store.client.disconnect();
    }
  });
});
