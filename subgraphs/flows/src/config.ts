import { z } from 'zod';
import { loadConfig, millis, port } from '../../../lib/config.ts';
import { webhookSecret } from '../../../lib/webhooks.ts';
import { loadRegistry, subgraphDefaults } from '../../../lib/registry.ts';

const registryUrl = (name: string) => {
  const entry = loadRegistry().find((e) => e.name === name);
  return entry ? `http://127.0.0.1:${entry.port}/graphql` : '';
};
const systemUrl = (name: string) => {
  const entry = loadRegistry().find((e) => e.name === name);
  return entry?.system ? `http://127.0.0.1:${entry.system.port}` : '';
};

/**
 * The flows service: its database, the vendors it subscribes to webhooks at, the subgraphs it
 * acts through, and the retry policy. Defaults are `npm start`'s fixed ports.
 */
export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      PORT: port(subgraphDefaults('flows').port),
      /** Postgres when set (several flows processes share the work); embedded PGlite otherwise. */
      DATABASE_URL: z.string().optional(),
      /** PGlite data directory; `memory://` keeps nothing (tests). */
      FLOWS_DB_DIR: z.string().default('.data/flows-db'),
      /** Base URL the vendors reach this process at (webhook addresses); default http://127.0.0.1:<listening port>. */
      FLOWS_PUBLIC_URL: z.url().optional(),
      /** Shopify-like shop: base URL, Admin API token, webhook secret (the app's client secret; required, and not the dev default, in production). */
      SHOP_API_URL: z.url().default(systemUrl('shop')),
      SHOP_API_TOKEN: z.string().min(1).default('dev-token'),
      SHOP_API_VERSION: z.string().regex(/^\d{4}-\d{2}$/).default('2024-04'),
      SHOPIFY_WEBHOOK_SECRET: webhookSecret(env),
      /** Square-like POS: base URL and access token (the signature key comes with the subscription). */
      POS_API_URL: z.url().default(systemUrl('pos')),
      POS_API_TOKEN: z.string().min(1).default('dev-token'),
      /** Subgraphs the steps act through (direct URLs: the gateway starts after this process). */
      SUBGRAPH_IDENTITY_URL: z.url().default(registryUrl('identity')),
      SUBGRAPH_SHOP_URL: z.url().default(registryUrl('shop')),
      SUBGRAPH_POS_URL: z.url().default(registryUrl('pos')),
      SUBGRAPH_SOCIAL_URL: z.url().default(registryUrl('social')),
      /** LINE and Zalo notices go through their own subgraphs (their vendors' send APIs). */
      SUBGRAPH_LINE_URL: z.url().default(registryUrl('line')),
      SUBGRAPH_ZALO_URL: z.url().default(registryUrl('zalo')),
      SUBGRAPH_CRM_URL: z.url().default(registryUrl('crm')),
      /** The journey subgraph: the customer's preferred channel (channelInsight) for notices. */
      SUBGRAPH_JOURNEY_URL: z.url().default(registryUrl('journey')),
      SUBGRAPH_TIMEOUT_MS: millis(10_000),
      /** Retry policy of a failed step: delay = min(max, base * 2^(attempt-1)), times a jitter in [0.5, 1]. */
      FLOW_RETRY_BASE_MS: millis(1_000),
      FLOW_RETRY_MAX_MS: millis(300_000),
      FLOW_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
      /** How often the worker looks for due steps and unapplied events (it is also woken on every webhook). */
      FLOW_POLL_MS: millis(500),
      /** A RUNNING step whose worker died is taken over after this lease. */
      FLOW_LEASE_MS: millis(60_000),
      /** How long handoffCartToStore waits for its flow to finish before answering with the flow as it is. */
      FLOW_MUTATION_WAIT_MS: millis(5_000),
      /** An event no flow can take (e.g. a status change of an order no flow knows) is dropped after this. */
      FLOW_EVENT_TTL_MS: millis(600_000),
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
