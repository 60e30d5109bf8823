import { createLogger } from '../../../lib/logger.ts';
import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createConnector, createContext, type Context } from './context.ts';
import { LineEventLog } from './event-log.ts';
import { readIdentityFeed } from './identity-feed.ts';
import { resolvers } from './resolvers/index.ts';
import { lineWebhookRoute, WEBHOOK_PATH } from './webhooks.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> & { subscribe(baseUrl: string): Promise<void>; log: LineEventLog } {
  // One log per process: LINE chats are known only from webhooks and from our own sends.
  const log = new LineEventLog();
  const webhook = lineWebhookRoute(config.LINE_CHANNEL_SECRET, log, createLogger('subgraph-line'));
  return {
    name: 'line',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info, log),
    routes: (req, res) => webhook(req, res),
    identityFeed: ({ after, limit, since, info }) => readIdentityFeed(createConnector(config, info.requestId), log, { after, limit, since }),
    /** Sets this process as the channel's webhook endpoint (`PUT /v2/bot/channel/webhook/endpoint`). */
    subscribe: (baseUrl) => createConnector(config).setWebhookEndpoint(`${config.LINE_PUBLIC_URL ?? baseUrl}${WEBHOOK_PATH}`),
    log,
  };
}
