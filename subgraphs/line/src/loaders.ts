import DataLoader from 'dataloader';
import { mapLimit } from '../../../lib/batch.ts';
import type { LineConnector } from './connector/index.ts';
import type { LineProfile } from './mappers.ts';

/**
 * Calls in flight per loader batch. LINE's document has no read of many profiles at once (the
 * generator found no batch endpoint), so a batch of N user ids is N calls, at most this many at a
 * time; LINE's documented limit for get-profile is 2,000 requests per second per channel.
 */
const CONCURRENCY = 8;


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
