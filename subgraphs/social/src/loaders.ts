import DataLoader from 'dataloader';
import { rekey } from '../../../lib/batch.ts';
import { cachedBatch, type EntityCache } from '../../../lib/cache.ts';
import { CONVERSATION_FIELDS, PROFILE_FIELDS, type PerKey, type SocialConnector } from './connector/index.ts';
import type { SocialEventLog } from './event-log.ts';
import type { GraphConversation, GraphMessage, GraphPage, GraphProfile, GraphReferralEvent } from './mappers.ts';

export interface ConversationsKey {
  profile: GraphProfile;
  limit: number;
}
export interface MessagesKey {
  conversationId: string;
  /** The thread's page: its token reads the messages. */
  pageId: string;
  limit: number;
}

/**
 * Cache TTLs (ms) per resource (README "Caching"; CACHE_TTLS overrides). This subgraph takes no
 * message webhooks yet, so a message arriving at a platform shows after at most these TTLs; its
 * own sends invalidate at once. Referrals are not cached: they are read from the event log.
 */
export const CACHE_TTLS = {
  profile: 60_000,
  'conversations-of-profile': 30_000,
  'messages-of-conversation': 30_000,
};

/** A cached first page of a list, with the page size it was read with. */
interface CachedPage<T> {
  limit: number;
  items: T[];
}

/**
 * Read-through for the paged lists (conversations, messages): one entry per parent holding the
 * first `limit` items; a request for at most that many (or a list that was shorter) is a hit.
 */
async function cachedPages<K, T>(
  cache: EntityCache | undefined,
  resource: string,
  keys: readonly K[],
  idOf: (key: K) => string,
  limitOf: (key: K) => number,
  fetch: (keys: K[]) => Promise<(T[] | Error | null | undefined)[]>,
): Promise<(T[] | Error)[]> {
  if (!cache || cache.ttl(resource) === 0) return (await fetch([...keys])).map((r) => r ?? []);
  const cached = await cache.mget<CachedPage<T>>(resource, keys.map(idOf));
  const usable = (page: CachedPage<T> | undefined, limit: number) => page !== undefined && (page.limit >= limit || page.items.length < page.limit);
  const missing = keys.map((key, i) => (usable(cached[i], limitOf(key)) ? -1 : i)).filter((i) => i >= 0);
  const mark = cache.mark();
  const fetched = missing.length > 0 ? await fetch(missing.map((i) => keys[i] as K)) : [];
  const out: (T[] | Error)[] = keys.map((key, i) => (cached[i] && usable(cached[i], limitOf(key)) ? cached[i].items.slice(0, limitOf(key)) : []));
  const toStore: [string, CachedPage<T>][] = [];
  missing.forEach((keyIndex, j) => {
    const key = keys[keyIndex] as K;
    const result = fetched[j] ?? [];
    out[keyIndex] = result;
    if (!(result instanceof Error) && !cache.invalidatedSince(mark, resource, idOf(key))) toStore.push([idOf(key), { limit: limitOf(key), items: result }]);
  });
  await cache.mset(resource, toStore);
  return out;
}

/** Per request (context.ts): DataLoader caches must not outlive one GraphQL operation. Reads go through the process's entity cache when given. */
export function createLoaders(connector: SocialConnector, log: SocialEventLog, cache?: EntityCache) {
  /** By id, through one Graph batch per ⌈ids × pages / 50⌉ (connector readNodes), re-keyed to the request order. */
  const byIds =
    <T>(fields: string) =>
    async (ids: readonly string[]): Promise<PerKey<T>[]> => {
      const entries = await connector.readNodes<T>(ids, fields);
      return rekey(ids, entries, ([id]) => id).map((entry) => (entry ? entry[1] : null));
    };

  const profileById = new DataLoader<string, GraphProfile | null>((keys) => cachedBatch(cache, { resource: 'profile' }, keys, byIds<GraphProfile>(PROFILE_FIELDS)));
  const conversationById = new DataLoader<string, GraphConversation | null>(byIds<GraphConversation>(CONVERSATION_FIELDS));

  // Graph batch answers are positional, so these results are already in key order.
  const conversationsByProfileId = new DataLoader<ConversationsKey, GraphConversation[], string>(
    async (keys) => {
      const results = await cachedPages(cache, 'conversations-of-profile', keys, (k) => k.profile.id, (k) => k.limit, (missing) => connector.conversationsOf(missing));
      return results.map((result) => {
        if (result instanceof Error) return result;
        for (const conversation of result ?? []) conversationById.prime(conversation.id, conversation);
        return result ?? [];
      });
    },
    { cacheKeyFn: (key) => `${key.profile.id}:${key.limit}` },
  );

  const messagesByConversationId = new DataLoader<MessagesKey, GraphMessage[], string>(
    async (keys) => cachedPages(cache, 'messages-of-conversation', keys, (k) => k.conversationId, (k) => k.limit, (missing) => connector.messagesOf(missing)),
    { cacheKeyFn: (key) => `${key.conversationId}:${key.limit}` },
  );

  // Graph has no read API for referrals: the ones Meta's webhooks delivered, from this process's log.
  const referralsByProfileId = new DataLoader<GraphProfile, GraphReferralEvent[], string>(async (profiles) => profiles.map((p) => log.referralsOf(p.id)), {
    cacheKeyFn: (profile) => profile.id,
  });

  let pages: Promise<GraphPage[]> | undefined;
  /** The managed pages: one `GET /me/accounts` per request at most. */
  const allPages = () => (pages ??= connector.listPages());

  return { profileById, conversationById, conversationsByProfileId, messagesByConversationId, referralsByProfileId, allPages };
}

export type Loaders = ReturnType<typeof createLoaders>;
