import { z } from 'zod';
import { cacheSettings } from '../../../lib/cache.ts';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('crm');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** Base URL of the HubSpot-like API (the stand-in by default; https://api.hubapi.com for the real one). */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** Private-app or OAuth bearer token. */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Region used to read local phone numbers of contacts without a country. */
      DEFAULT_PHONE_REGION: z
        .string()
        .length(2)
        .transform((s) => s.toUpperCase())
        .default('TH'),
      /** Entity cache: CACHE_STORE, REDIS_URL, CACHE_NAMESPACE, CACHE_TTLS... (lib/cache.ts). */
      ...cacheSettings,
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
