import { z } from 'zod';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';
import { webhookSecret } from '../../../lib/webhooks.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('zalo');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** Zalo OA Open API base (`https://openapi.zalo.me` in production). */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** OA access token (sent as the `access_token` header). */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** The Zalo app id and the OA secret key: verify `X-ZEvent-Signature` on webhooks. */
      ZALO_APP_ID: z.string().min(1).default('4318693740512348763'),
      ZALO_OA_SECRET_KEY: webhookSecret(env),
      DEFAULT_PHONE_REGION: z.string().length(2).default('VN'),
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
