import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createConnector, createContext, type Context } from './context.ts';
import { readIdentityPage } from './identity-feed.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  return {
    name: '__name__',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info),
    identityFeed: ({ after, limit, since, info }) => readIdentityPage(createConnector(config, info.requestId), { after, limit, since }),
  };
}
