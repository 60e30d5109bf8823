import type { GatewayId, Upstreams } from '../scenarios/types.ts';

/** How the harness starts each gateway under test; every one reads the scenario's supergraph file. */
export interface GatewayDefinition {
  id: GatewayId;
  letter: string;
  label: string;
  entry(upstreams: Upstreams): string | undefined;
  env(upstreams: Upstreams): Record<string, string>;
}

const subgraphEnv = (urls: Record<string, string>) =>
  Object.fromEntries(Object.entries(urls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, url]));

export const GATEWAYS: GatewayDefinition[] = [
  {
    id: 'omnigraph',
    letter: 'A',
    label: 'Omnigraph gateway',
    entry: () => 'gateway/src/index.ts',
    env: (u) => ({ PORT: '0', SUPERGRAPH_PATH: u.supergraphPath, ...subgraphEnv(u.subgraphUrls), ...u.omnigraphEnv }),
  },
  {
    id: 'apollo',
    letter: 'B',
    label: '@apollo/gateway (defaults)',
    entry: () => 'bench/gateways/apollo-plain.ts',
    env: (u) => ({ PORT: '0', SUPERGRAPH_PATH: u.supergraphPath }),
  },
  {
    id: 'hive',
    letter: 'C',
    label: 'Hive Gateway (dedup off)',
    entry: () => 'bench/gateways/hive.ts',
    env: (u) => ({ PORT: '0', SUPERGRAPH_PATH: u.supergraphPath }),
  },
  {
    id: 'monolith',
    letter: 'D',
    label: 'Monolith (no federation)',
    entry: (u) => u.monolithEntry,
    env: () => ({ PORT: '0' }),
  },
];

export const BASELINE: GatewayId = 'apollo';
