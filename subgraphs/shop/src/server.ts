import { createCache } from '../../../lib/cache.ts';
import { createLogger, type Logger } from '../../../lib/logger.ts';
import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { ShopConnector } from './connector/index.ts';
import { createContext, type Context } from './context.ts';
import { readIdentityFeed } from './identity-feed.ts';
import { CACHE_TTLS } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createReplayGuard } from '../../../lib/webhooks.ts';
import { REPLAY_TTL_MS, subscribeForCache, webhookRoutes, WEBHOOK_ONLY } from './webhooks.ts';

export function createSubgraph(config: Config) {
  const logger = createLogger('subgraph-shop');
  // One entity cache per process (or shared through Redis); DataLoaders stay per request.
  const cache = createCache('shop', config, CACHE_TTLS, logger);
  cache.disable(...WEBHOOK_ONLY);
  // Replay keys live where the cache lives: shared through Redis, else in this process.
  const guard = createReplayGuard({ redisUrl: cache.store.kind === 'redis' ? config.REDIS_URL : undefined, namespace: `${config.CACHE_NAMESPACE}:shop`, ttlMs: REPLAY_TTL_MS, logger });
  const definition: SubgraphDefinition<Context> = {
    name: 'shop',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info, cache),
    identityFeed: ({ after, limit, since, info }) =>
      readIdentityFeed(new ShopConnector(config, info.requestId), { after, limit, since, defaultRegion: config.DEFAULT_PHONE_REGION ?? null }),
    routes: webhookRoutes(config, cache, guard),
    close: async () => {
      await guard.close();
      await cache.close();
    },
  };
  return Object.assign(definition, {
    cache,
    /** Registers the cache's webhook subscriptions with Shopify, once this process listens at `baseUrl`. */
    subscribe: (baseUrl: string, log: Logger = logger) => subscribeForCache(config, cache, baseUrl, log),
  });
}
