import DataLoader from 'dataloader';
import type { LineClient } from './connector/client.ts';

/** Calls in flight per loader batch for reads the vendor has no batch endpoint for. */
const CONCURRENCY = 8;

async function mapLimit<K, V>(keys: readonly K[], limit: number, fn: (key: K) => Promise<V>): Promise<V[]> {
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

/** Built per request (createContext), never at module level. */
export function createLoaders(client: LineClient) {
  return {
    /** Get profile: the document has no batch read for it, so one call per key, at most CONCURRENCY at a time. */
    profileByUserId: new DataLoader<string, unknown>((keys) =>
      mapLimit(keys, CONCURRENCY, async (key) => {
        const { data, error, response } = await client.GET('/v2/bot/profile/{userId}', { params: { path: { userId: key } } });
        if (response.status === 404) return null;
        if (error) return new Error(JSON.stringify(error));
        return data;
      }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
