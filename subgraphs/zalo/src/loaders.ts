import DataLoader from 'dataloader';
import { mapLimit } from '../../../lib/batch.ts';
import type { ZaloConnector } from './connector/index.ts';
import type { ZaloConversationMessage, ZaloUserDetail } from './mappers.ts';

/** Zalo has no batch read: a batch of N keys is N calls, at most this many at a time. */
const CONCURRENCY = 8;


const perKey = <T>(promise: Promise<T>): Promise<T | Error> => promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

/** Built per request (createContext), never at module level. */
export function createLoaders(connector: ZaloConnector) {
  return {
    userById: new DataLoader<string, ZaloUserDetail | null>((ids) => mapLimit(ids, CONCURRENCY, (id) => perKey(connector.userDetail(id)))),
    /** Keyed `userId|limit`: the same chat read once per request for one size. */
    messagesByUserId: new DataLoader<{ userId: string; limit: number }, ZaloConversationMessage[], string>(
      (keys) => mapLimit(keys, CONCURRENCY, (key) => perKey(connector.conversation(key.userId, key.limit))),
      { cacheKeyFn: (key) => `${key.userId}|${key.limit}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
