import { createCache } from '../../../lib/cache.ts';
import { createLogger } from '../../../lib/logger.ts';
import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { createConnector, createContext, type Context } from './context.ts';
import { SocialEventLog } from './event-log.ts';
import { readIdentityFeed } from './identity-feed.ts';
import { CACHE_TTLS } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { metaWebhookRoute, SUBSCRIBED_FIELDS, WEBHOOK_PATH } from './webhooks.ts';

export function createSubgraph(config: Config): SubgraphDefinition<Context> & { subscribe(baseUrl: string): Promise<void>; log: SocialEventLog } {
  // One entity cache per process (or shared through Redis), TTL-only for messages arriving at the
  // platforms (no message webhooks yet: README "Caching"); this subgraph's sends invalidate at once.
  const cache = createCache('social', config, CACHE_TTLS, createLogger('subgraph-social'));
  // One log per process: referrals are known only from Meta's webhooks.
  const log = new SocialEventLog();
  const webhook = metaWebhookRoute({ appSecret: config.META_APP_SECRET, verifyToken: config.META_VERIFY_TOKEN }, log, createLogger('subgraph-social'));
  return {
    name: 'social',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    createContext: (info) => createContext(config, info, log, cache),
    routes: (req, res) => webhook(req, res),
    close: () => cache.close(),
    identityFeed: ({ after, limit, since, info }) => readIdentityFeed(createConnector(config, info.requestId), log, { after, limit, since }),
    /** Subscribes the app's `page` and `instagram` webhooks (referral fields) to this process's callback. */
    subscribe: async (baseUrl) => {
      const connector = createConnector(config);
      const callbackUrl = `${config.META_PUBLIC_URL ?? baseUrl}${WEBHOOK_PATH}`;
      for (const object of ['page', 'instagram'] as const) {
        await connector.subscribeApp({ id: config.META_APP_ID, secret: config.META_APP_SECRET }, { object, callbackUrl, fields: SUBSCRIBED_FIELDS[object], verifyToken: config.META_VERIFY_TOKEN });
      }
    },
    log,
  };
}
