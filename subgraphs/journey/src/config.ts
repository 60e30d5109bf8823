import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig, port } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      PORT: port(subgraphDefaults('journey').port),
      /**
       * The schema to serve. Default: this folder's schema.graphql, whose generated block
       * `npm run compose` writes for the registered subgraphs. A deployment (or a test) that
       * composes more contributing subgraphs points here at the schema generated with them.
       */
      SCHEMA_PATH: z.string().min(1).default(fileURLToPath(new URL('../schema.graphql', import.meta.url))),
    },
    env,
  );
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
