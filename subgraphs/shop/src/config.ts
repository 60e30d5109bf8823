import { z } from 'zod';
import { cacheSettings } from '../../../lib/cache.ts';
import { deployment, loadConfig, millis, port, url } from '../../../lib/config.ts';
import { webhookSecret } from '../../../lib/webhooks.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('shop');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** The shop's base URL (`https://{shop}.myshopify.com` for a real shop); the API version path is added. */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** Admin API access token (`shpat_…`), sent as X-Shopify-Access-Token. */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Region for reading local phone numbers on customers without an address country. */
      DEFAULT_PHONE_REGION: z
        .string()
        .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as TH')
        .optional(),
      /** Admin API version in the path (`/admin/api/<version>/`). */
      SHOP_API_VERSION: z
        .string()
        .regex(/^\d{4}-\d{2}$/, 'a Shopify API version such as 2024-04')
        .default('2024-04'),
      /** The shop's currency: Shopify REST variant prices carry none (orders and customers do). */
      SHOP_CURRENCY: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as THB')
        .default('THB'),
      /** Location whose stock is the web stock; by default the first active location (GET locations.json). */
      SHOP_WEB_LOCATION_ID: z
        .string()
        .regex(/^\d+$/, 'a Shopify location id')
        .optional(),
      /** Most order pages (250 orders each) followed for one batch of customers, so one request's cost stays bounded. */
      SHOP_ORDERS_MAX_PAGES: z.coerce.number().int().min(1).max(100).default(10),
      /** The app's client secret: Shopify signs webhooks with it (X-Shopify-Hmac-Sha256). Required, and not the dev default, in production. */
      SHOPIFY_WEBHOOK_SECRET: webhookSecret(env),
      /** Signs cart resume tokens (src/resume-token.ts); at least 32 characters, and required in production. */
      CART_RESUME_SECRET: resumeSecret(env),
      /** Public base URL Shopify reaches this process at for its webhooks (cache invalidation); default http://127.0.0.1:<port>. */
      SHOP_PUBLIC_URL: z.url().optional(),
      /** Entity cache: CACHE_STORE, REDIS_URL, CACHE_NAMESPACE, CACHE_TTLS... (lib/cache.ts). */
      ...cacheSettings,
    },
    env,
  );
}

const DEV_RESUME_SECRET = 'dev-cart-resume-secret-0123456789abcdef';
function resumeSecret(env: NodeJS.ProcessEnv) {
  if (deployment(env) !== 'production') return z.string().min(32).default(DEV_RESUME_SECRET);
  return z
    .string({ error: 'must be set in the production configuration (OMNIGRAPH_ENV=production)' })
    .min(32)
    .refine((value) => value !== DEV_RESUME_SECRET, 'is the public development default');
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
