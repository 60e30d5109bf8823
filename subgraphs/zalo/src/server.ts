import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createConnector, createContext, type Context } from './context.ts';
import { readIdentityFeed } from './identity-feed.ts';
import { resolvers } from './resolvers/index.ts';
import { ZaloActivity, zaloWebhookRoute } from './webhooks.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> {
  const activity = new ZaloActivity();
  const webhook = zaloWebhookRoute(config.ZALO_APP_ID, config.ZALO_OA_SECRET_KEY, activity);
  return {
    name: 'zalo',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info),
    routes: (req, res) => webhook(req, res),
    identityFeed: ({ after, limit, since, info }) => readIdentityFeed(createConnector(config, info.requestId), activity, { after, limit, since }),
  };
}
