import DataLoader from 'dataloader';
import type { LineConnector } from './connector/index.ts';
import type { LineProfile } from './mappers.ts';

/**
 * Calls in flight per loader batch. LINE's document has no read of many profiles at once (the
 * generator found no batch endpoint), so a batch of N user ids is N calls, at most this many at a
 * time; LINE's documented limit for get-profile is 2,000 requests per second per channel.
 */
const CONCURRENCY = 8;

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

/** Built per request (createContext), never at module level. */
export function createLoaders(connector: LineConnector) {
  return {
    /** Get profile: one call per user id (no batch endpoint), null for non-followers, an Error for that key only. */
    profileByUserId: new DataLoader<string, LineProfile | null>((keys) =>
      mapLimit(keys, CONCURRENCY, (key) => connector.profile(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
