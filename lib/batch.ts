/**
 * DataLoader's batch contract: exactly one result per key, in key order. Vendor batch
 * endpoints return results in any order and silently drop unknown ids, so every batch
 * function re-keys its results here. Gaps become `null` (not found), never a shifted row.
 */
export function rekey<K, V>(keys: readonly K[], items: Iterable<V>, keyOf: (item: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const item of items) byKey.set(keyOf(item), item);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups items under a key, for one-to-many loaders (orders by customer id); missing keys get []. */
export function groupByKey<K, V>(keys: readonly K[], items: Iterable<V>, keyOf: (item: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Splits ids into the vendor's maximum batch size (Square 100, HubSpot 100, Square order search 10). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs one request per chunk in parallel and flattens the results. */
export async function inChunks<T, R>(items: readonly T[], size: number, fn: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const parts = await Promise.all(chunk(items, size).map(fn));
  return parts.flat();
}

/**
 * `fn` over every key, at most `limit` calls in flight, results in key order: for vendors with no
 * batch read of a resource (LINE profiles, Zalo users), where a DataLoader batch is N single calls.
 */
export async function mapLimit<K, V>(keys: readonly K[], limit: number, fn: (key: K) => Promise<V>): Promise<V[]> {
  const out: V[] = new Array(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      out[i] = await fn(keys[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return out;
}
