import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import { z } from 'zod';
import type { Logger } from './logger.ts';
import { registry } from './metrics.ts';

/**
 * The entity and connector cache of the channel subgraphs: per process (in-memory LRU, the
 * default) or shared between processes (Redis, when `REDIS_URL` is set). Values are JSON, so a
 * cached record is a copy: nothing a resolver does to it reaches the next request.
 *
 * Keys are `<namespace>:<system>:<resource>:<id>` (namespace `omnigraph` by default), every
 * entry has a TTL, and the subgraph deletes the keys a change touches (its own writes at once,
 * the vendor's changes when its webhook arrives). A cache failure never fails a request: Redis
 * down means every read is a miss (and a logged warning), never an error.
 */

/** Environment settings every channel subgraph's config spreads into its own (`...cacheSettings`). */
export const cacheSettings = {
  /** `memory` (in-process LRU), `redis` (needs REDIS_URL) or `off`. Default: redis when REDIS_URL is set, else memory. */
  CACHE_STORE: z.enum(['memory', 'redis', 'off']).optional(),
  /** Redis for a cache shared by every replica (redis://host:6379/0). */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url().optional()),
  /** First part of every key: separate deployments (or test stacks) sharing one Redis. */
  CACHE_NAMESPACE: z.string().regex(/^[\w.-]+$/).default('omnigraph'),
  /** In-memory store bounds. */
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(50_000),
  CACHE_MAX_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  /** TTL overrides in seconds per resource, `customer=30,catalog=600` (0 turns a resource's cache off). */
  CACHE_TTLS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const out: Record<string, number> = {};
      for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
        const m = /^([\w-]+)=(\d+)$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not resource=seconds` });
          return z.NEVER;
        }
        out[m[1] as string] = Number(m[2]) * 1000;
      }
      return out;
    }),
};

export interface CacheSettings {
  CACHE_STORE?: 'memory' | 'redis' | 'off' | undefined;
  REDIS_URL?: string | undefined;
  CACHE_NAMESPACE: string;
  CACHE_MAX_ENTRIES: number;
  CACHE_MAX_BYTES: number;
  CACHE_TTLS: Readonly<Record<string, number>>;
}

/** A key-value store with TTLs; keys are full keys (namespace included). */
export interface CacheStore {
  readonly kind: 'memory' | 'redis' | 'off';
  mget(keys: readonly string[]): Promise<(string | undefined)[]>;
  mset(entries: readonly { key: string; value: string; ttlMs: number }[]): Promise<void>;
  del(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export class MemoryStore implements CacheStore {
  readonly kind = 'memory';
  private readonly lru: LRUCache<string, string>;

  constructor(opts: { maxEntries?: number; maxBytes?: number } = {}) {
    this.lru = new LRUCache<string, string>({
      max: opts.maxEntries ?? 50_000,
      maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
      // UTF-16 code units × 2 ≈ bytes held, plus the key.
      sizeCalculation: (value, key) => (value.length + key.length) * 2 || 1,
      ttlAutopurge: false,
    });
  }
  async mget(keys: readonly string[]) {
    return keys.map((k) => this.lru.get(k));
  }
  async mset(entries: readonly { key: string; value: string; ttlMs: number }[]) {
    for (const e of entries) this.lru.set(e.key, e.value, { ttl: e.ttlMs });
  }
  async del(keys: readonly string[]) {
    for (const k of keys) this.lru.delete(k);
  }
  async close() {
    this.lru.clear();
  }
}

/**
 * Redis through ioredis: one `MGET` per lookup, one pipeline of `SET … PX` per store. No offline
 * queue and a short command timeout: while Redis is unreachable, reads are misses at once.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  readonly client: Redis;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly logger?: Logger,
    opts: { commandTimeoutMs?: number } = {},
  ) {
    this.client = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: opts.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.client.on('error', (err) => this.warn(err, 'redis connection error'));
  }

  private warn(err: unknown, msg: string) {
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.logger?.warn({ err }, `${msg}: serving without the cache`);
  }

  async mget(keys: readonly string[]) {
    if (keys.length === 0) return [];
    try {
      const values = await this.client.mget(...keys);
      return values.map((v) => v ?? undefined);
    } catch (err) {
      this.warn(err, 'redis read failed');
      return keys.map(() => undefined);
    }
  }
  async mset(entries: readonly { key: string; value: string; ttlMs: number }[]) {
    if (entries.length === 0) return;
    try {
      const pipeline = this.client.pipeline();
      for (const e of entries) pipeline.set(e.key, e.value, 'PX', Math.max(1, Math.round(e.ttlMs)));
      await pipeline.exec();
    } catch (err) {
      this.warn(err, 'redis write failed');
    }
  }
  async del(keys: readonly string[]) {
    if (keys.length === 0) return;
    try {
      await this.client.del(...keys);
    } catch (err) {
      this.warn(err, 'redis delete failed');
    }
  }
  async close() {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

export class NoStore implements CacheStore {
  readonly kind = 'off';
  async mget(keys: readonly string[]) {
    return keys.map(() => undefined);
  }
  async mset() {}
  async del() {}
  async close() {}
}

const cacheLookups = new Counter({
  name: 'omnigraph_cache_lookups_total',
  help: 'Entity cache lookups of the channel subgraphs, by result (hit or miss)',
  labelNames: ['system', 'resource', 'result'] as const,
  registers: [registry],
});

/**
 * One system's view of the store: `resource` + `id` become `<namespace>:<system>:<resource>:<id>`;
 * values are JSON. TTLs come from the subgraph's defaults, overridden by CACHE_TTLS.
 */
export class EntityCache {
  /** Increments on every invalidation; `deletedAt` remembers when each key was last invalidated here. */
  private epoch = 0;
  private readonly deletedAt = new Map<string, number>();
  /** Resources not cached right now (their invalidation webhooks are not registered yet). */
  private readonly paused = new Set<string>();

  constructor(
    readonly store: CacheStore,
    readonly system: string,
    private readonly namespace: string,
    private readonly ttls: Readonly<Record<string, number>>,
  ) {}

  get enabled() {
    return this.store.kind !== 'off';
  }
  key(resource: string, id: string) {
    return `${this.namespace}:${this.system}:${resource}:${id}`;
  }
  /** TTL of a resource in ms (0: not cached). */
  ttl(resource: string) {
    return this.enabled && !this.paused.has(resource) ? (this.ttls[resource] ?? 0) : 0;
  }
  /** Stops caching these resources (reads go to the vendor) until `enable`. */
  disable(...resources: string[]) {
    for (const r of resources) this.paused.add(r);
  }
  enable(...resources: string[]) {
    for (const r of resources) this.paused.delete(r);
  }

  async mget<T>(resource: string, ids: readonly string[]): Promise<(T | undefined)[]> {
    if (ids.length === 0 || this.ttl(resource) === 0) return ids.map(() => undefined);
    const raw = await this.store.mget(ids.map((id) => this.key(resource, id)));
    let hits = 0;
    const out = raw.map((v) => {
      if (v === undefined) return undefined;
      try {
        hits++;
        return JSON.parse(v) as T;
      } catch {
        hits--;
        return undefined;
      }
    });
    if (hits) cacheLookups.inc({ system: this.system, resource, result: 'hit' }, hits);
    if (ids.length - hits) cacheLookups.inc({ system: this.system, resource, result: 'miss' }, ids.length - hits);
    return out;
  }
  async get<T>(resource: string, id: string): Promise<T | undefined> {
    return (await this.mget<T>(resource, [id]))[0];
  }
  async mset(resource: string, entries: readonly [string, unknown][], ttlMs = this.ttl(resource)): Promise<void> {
    if (ttlMs <= 0 || entries.length === 0) return;
    await this.store.mset(entries.map(([id, value]) => ({ key: this.key(resource, id), value: JSON.stringify(value), ttlMs })));
  }
  async set(resource: string, id: string, value: unknown, ttlMs = this.ttl(resource)): Promise<void> {
    await this.mset(resource, [[id, value]], ttlMs);
  }
  /** Deletes entries (invalidation); ids of several resources at once. */
  async del(entries: readonly [resource: string, id: string][]): Promise<void> {
    if (!this.enabled || entries.length === 0) return;
    const keys = entries.map(([resource, id]) => this.key(resource, id));
    this.epoch++;
    if (this.deletedAt.size > 10_000) this.deletedAt.clear();
    for (const key of keys) this.deletedAt.set(key, this.epoch);
    await this.store.del(keys);
  }
  /** A mark to pass to `invalidatedSince` after a fetch. */
  mark(): number {
    return this.epoch;
  }
  /**
   * Whether `resource:id` was invalidated in this process after `mark`: a value fetched before a
   * write finished must not be stored after the write's invalidation.
   */
  invalidatedSince(mark: number, resource: string, id: string): boolean {
    return mark !== this.epoch && (this.deletedAt.get(this.key(resource, id)) ?? 0) > mark;
  }
  async close() {
    await this.store.close();
  }
}

/** The store the settings ask for: Redis when REDIS_URL is set (unless CACHE_STORE says otherwise), else in memory. */
export function createCache(system: string, settings: CacheSettings, defaultTtls: Record<string, number>, logger?: Logger): EntityCache {
  const kind = settings.CACHE_STORE ?? (settings.REDIS_URL ? 'redis' : 'memory');
  let store: CacheStore;
  if (kind === 'off') store = new NoStore();
  else if (kind === 'redis') {
    if (!settings.REDIS_URL) throw new Error('Invalid configuration: CACHE_STORE=redis needs REDIS_URL');
    store = new RedisStore(settings.REDIS_URL, logger);
  } else store = new MemoryStore({ maxEntries: settings.CACHE_MAX_ENTRIES, maxBytes: settings.CACHE_MAX_BYTES });
  logger?.info({ store: kind, namespace: settings.CACHE_NAMESPACE }, 'entity cache');
  return new EntityCache(store, system, settings.CACHE_NAMESPACE, { ...defaultTtls, ...settings.CACHE_TTLS });
}

/**
 * Read-through for a DataLoader batch function: one `mget` for every id, one vendor batch call
 * for the misses only, and the found values stored. Not-found (`null`/`undefined`) and per-id
 * errors are NOT cached (a record created a moment ago must show at once); empty lists are
 * values and are cached. `cacheNull` caches null too, for lookups where null is an answer about a
 * known record (a customer without a loyalty account), not an unknown id. Results are in key
 * order, as DataLoader requires.
 */
export async function cachedBatch<R>(
  cache: EntityCache | undefined,
  opts: { resource: string; ttlMs?: number; cacheNull?: boolean },
  ids: readonly string[],
  fetchMissing: (ids: string[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const ttlMs = opts.ttlMs ?? cache?.ttl(opts.resource) ?? 0;
  if (!cache || ttlMs <= 0) return [...(await fetchMissing([...ids]))];
  const cached = await cache.mget<R>(opts.resource, ids);
  const missing = [...new Set(ids.filter((_, i) => cached[i] === undefined))];
  if (missing.length === 0) return cached as R[];
  const mark = cache.mark();
  const fetched = await fetchMissing(missing);
  const byId = new Map<string, R>();
  const toStore: [string, unknown][] = [];
  missing.forEach((id, i) => {
    const value = (fetched[i] ?? null) as R;
    byId.set(id, value);
    if (value !== undefined && (value !== null || opts.cacheNull) && !(value instanceof Error) && !cache.invalidatedSince(mark, opts.resource, id)) toStore.push([id, value]);
  });
  await cache.mset(opts.resource, toStore, ttlMs);
  return ids.map((id, i) => (cached[i] !== undefined ? (cached[i] as R) : (byId.get(id) ?? (null as R))));
}
