import { loadConfig, port } from '../../../lib/config.ts';
import { subgraphDefaults } from '../../../lib/registry.ts';

/** The inventory subgraph reads no system of its own: it only needs its port. */
export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const defaults = subgraphDefaults('inventory');
  return loadConfig({ PORT: port(defaults.port) }, env);
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
