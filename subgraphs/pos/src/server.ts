import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { PosConnector } from './connector/index.ts';
import { createContext, type Context } from './context.ts';
import { identityFeedPage } from './identity-feed.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  return {
    name: 'pos',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info),
    identityFeed: ({ after, limit, info }) => identityFeedPage(new PosConnector(config, info.requestId), config, { after, limit }),
  };
}
