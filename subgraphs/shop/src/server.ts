import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { ShopConnector } from './connector/index.ts';
import { createContext, type Context } from './context.ts';
import { readIdentityFeed } from './identity-feed.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  return {
    name: 'shop',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info),
    identityFeed: ({ after, limit, info }) =>
      readIdentityFeed(new ShopConnector(config, info.requestId), { after, limit, defaultRegion: config.DEFAULT_PHONE_REGION ?? null }),
  };
}
