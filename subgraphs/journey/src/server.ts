import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  return {
    name: 'journey',
    typeDefs: parse(readFileSync(config.SCHEMA_PATH, 'utf8')),
    resolvers,
    createContext,
    // No records of its own: an empty feed, so an identity hub reading every registered subgraph finds nothing here.
    identityFeed: async () => ({ records: [], next: null }),
  };
}
