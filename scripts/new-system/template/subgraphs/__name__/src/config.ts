import { z } from 'zod';
import { loadConfig, millis, port, url } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('__name__');
  return loadConfig(
    {
      PORT: port(defaults.port),
      /** Base URL of the system's API (the stand-in, systems/__name__, by default). */
      UPSTREAM_URL: url(defaults.upstreamUrl),
      /** The API's bearer token. */
      UPSTREAM_TOKEN: z.string().min(1).default('dev-token'),
      UPSTREAM_TIMEOUT_MS: millis(3000),
      /** Region used to read local phone numbers of members without a country. */
      DEFAULT_PHONE_REGION: z
        .string()
        .length(2)
        .transform((s) => s.toUpperCase())
        .default('TH'),
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
