import { createCache } from '../../../lib/cache.ts';
import { createLogger, type Logger } from '../../../lib/logger.ts';
import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { PosConnector } from './connector/index.ts';
import { createContext, type Context } from './context.ts';
import { identityFeedPage } from './identity-feed.ts';
import { CACHE_TTLS } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createReplayGuard } from '../../../lib/webhooks.ts';
import { REPLAY_TTL_MS, subscribeForCache, webhookRoutes, WEBHOOK_ONLY, type SquareSubscription } from './webhooks.ts';

export function createSubgraph(config: Config) {
  const logger = createLogger('subgraph-pos');
  // One entity cache per process (or shared through Redis); DataLoaders stay per request.
  const cache = createCache('pos', config, CACHE_TTLS, logger);
  // Cached only once Square's webhooks are registered (subscribeForCache).
  cache.disable(...WEBHOOK_ONLY);
  const subscription: { current: SquareSubscription | null } = { current: null };
  // Replay keys live where the cache lives: shared through Redis, else in this process.
  const guard = createReplayGuard({ redisUrl: cache.store.kind === 'redis' ? config.REDIS_URL : undefined, namespace: `${config.CACHE_NAMESPACE}:pos`, ttlMs: REPLAY_TTL_MS, logger });
  const definition: SubgraphDefinition<Context> = {
    name: 'pos',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info, cache),
    identityFeed: ({ after, limit, since, info }) => identityFeedPage(new PosConnector(config, info.requestId), config, { after, limit, since }),
    routes: webhookRoutes(config, cache, subscription, guard),
    close: async () => {
      await guard.close();
      await cache.close();
    },
  };
  return Object.assign(definition, {
    cache,
    /** Registers the cache's webhook subscription with Square, once this process listens at `baseUrl`. */
    subscribe: (baseUrl: string, log: Logger = logger) => subscribeForCache(config, cache, baseUrl, subscription, log),
  });
}
