import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { Logger } from '../../../lib/logger.ts';
import type { SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import { createSubgraphClient } from './clients.ts';
import type { Config } from './config.ts';
import { createContext, type Context } from './context.ts';
import { openDb } from './db.ts';
import { FlowEngine } from './engine.ts';
import { resolvers } from './resolvers/index.ts';
import { FlowStore } from './store.ts';
import { webhookRoutes } from './webhooks.ts';

export interface FlowsSubgraph {
  definition: SubgraphDefinition<Context>;
  store: FlowStore;
  engine: FlowEngine;
}

export async function createSubgraph(config: Config, logger: Logger): Promise<FlowsSubgraph> {
  const db = await openDb({ databaseUrl: config.DATABASE_URL || undefined, dataDir: config.FLOWS_DB_DIR });
  const store = new FlowStore(db);
  const call = createSubgraphClient(config, logger);
  const engine = new FlowEngine(store, call, config, logger);
  const services = { config, store, engine, call };
  return {
    store,
    engine,
    definition: {
      name: 'flows',
      typeDefs: parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
      resolvers,
      createContext: (info) => createContext(services, info),
      // No customer records of its own.
      identityFeed: async () => ({ records: [], next: null }),
      routes: webhookRoutes(config, store, () => engine.wake()),
      close: async () => {
        await engine.stop();
        await db.close();
      },
    },
  };
}
