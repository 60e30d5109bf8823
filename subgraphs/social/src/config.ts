import { z } from 'zod';
import { cacheSettings } from '../../../lib/cache.ts';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';
import { webhookSecret } from '../../../lib/webhooks.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('social');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** Graph API base, without the version (`https://graph.facebook.com` in production). */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** Page (system-user) access token. */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Graph API version in every path. */
      GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v19.0'),
      /** The Meta app (App Dashboard → Settings → Basic): its id subscribes to webhooks... */
      META_APP_ID: z.string().regex(/^\d+$/).default('100000000000001'),
      /** ...and its app secret verifies `X-Hub-Signature-256` (required, not the dev default, in production). */
      META_APP_SECRET: webhookSecret(env),
      /** The token Meta's verification GET must bring (`hub.verify_token`); ours to choose (required in production). */
      META_VERIFY_TOKEN: webhookSecret(env),
      /** Base URL Meta reaches this process at (the webhook callback it subscribes); default http://127.0.0.1:<listening port>. */
      META_PUBLIC_URL: z.url().optional(),
      DEFAULT_PHONE_REGION: z.string().length(2).default('TH'),
      /** Entity cache: CACHE_STORE, REDIS_URL, CACHE_NAMESPACE, CACHE_TTLS... (lib/cache.ts). */
      ...cacheSettings,
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
