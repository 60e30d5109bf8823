import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(_config: Config): SubgraphDefinition<Context> {
  return {
    name: 'inventory',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(info),
  };
}
