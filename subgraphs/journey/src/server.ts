import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import { pathToFileURL } from 'node:url';
import type { Config } from './config.ts';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  return {
    name: 'journey',
    typeDefs: loadSchema(pathToFileURL(config.SCHEMA_PATH)),
    resolvers,
    createContext,
    // No records of its own: an empty feed, so an identity hub reading every registered subgraph finds nothing here.
    identityFeed: async () => ({ records: [], next: null }),
  };
}
