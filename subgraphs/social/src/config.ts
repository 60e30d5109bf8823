import { z } from 'zod';
import { cacheSettings } from '../../../lib/cache.ts';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

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
      DEFAULT_PHONE_REGION: z.string().length(2).default('TH'),
      /** Entity cache: CACHE_STORE, REDIS_URL, CACHE_NAMESPACE, CACHE_TTLS... (lib/cache.ts). */
      ...cacheSettings,
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
