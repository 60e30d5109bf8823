import { z } from 'zod';
import { cacheSettings } from '../../../lib/cache.ts';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('pos');
  return loadConfig(
    {
      PORT: port(defaults.port),
      UPSTREAM_URL: url(defaults.upstreamUrl),
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Region for reading local phone numbers on customers without an address country. */
      DEFAULT_PHONE_REGION: z
        .string()
        .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as TH')
        .optional(),
      /** Page size of order searches (Square: 1-1000, default 500); small values exercise cursor paging. */
      POS_ORDERS_PAGE_LIMIT: z.coerce.number().int().min(1).max(1000).default(500),
      /** Most order-search pages followed for one batch of customers, so one request's cost stays bounded. */
      POS_ORDERS_MAX_PAGES: z.coerce.number().int().min(1).max(100).default(10),
      /** Public base URL Square reaches this process at for its webhooks (cache invalidation); default http://127.0.0.1:<port>. */
      POS_PUBLIC_URL: z.url().optional(),
      /** Entity cache: CACHE_STORE, REDIS_URL, CACHE_NAMESPACE, CACHE_TTLS... (lib/cache.ts). */
      ...cacheSettings,
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
