import { createCache } from '../../../lib/cache.ts';
import { createLogger } from '../../../lib/logger.ts';
import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createConnector, createContext, type Context } from './context.ts';
import { readIdentityPage } from './identity-feed.ts';
import { CACHE_TTLS } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  // One entity cache per process (or shared through Redis), TTL-only for changes made in HubSpot
  // itself (no webhook subscription yet: README "Caching"); this subgraph's writes invalidate at once.
  const cache = createCache('crm', config, CACHE_TTLS, createLogger('subgraph-crm'));
  return {
    name: 'crm',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info, cache),
    close: () => cache.close(),
    identityFeed: ({ after, limit, since, info }) => readIdentityPage(createConnector(config, info.requestId), config, { after, limit, since }),
  };
}
