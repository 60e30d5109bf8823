import { z } from 'zod';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';
import { webhookSecret } from '../../../lib/webhooks.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('line');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** Messaging API base (`https://api.line.me` in production). */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** Channel access token (long-lived, or a v2.1 token the operator rotates). */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Channel secret: verifies `x-line-signature` on webhooks (required, not the dev default, in production). */
      LINE_CHANNEL_SECRET: webhookSecret(env),
      /** Base URL LINE reaches this process at (the webhook endpoint it sets); default http://127.0.0.1:<listening port>. */
      LINE_PUBLIC_URL: z.url().optional(),
      DEFAULT_PHONE_REGION: z.string().length(2).default('TH'),
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
