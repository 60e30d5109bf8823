import { generateDevKey } from '../../lib/authorization/index.ts';
import type { GatewayId, Upstreams } from '../scenarios/types.ts';

/** How the harness starts each gateway under test; every one reads the scenario's supergraph file. */
export interface GatewayDefinition {
  id: GatewayId;
  letter: string;
  label: string;
  entry(upstreams: Upstreams): string | undefined;
  env(upstreams: Upstreams): Record<string, string>;
}

/**
 * Omnigraph's gateway signs every subgraph call and needs a key: the product stack's (the
 * omnigraph scenario sets INTERNAL_SIGNING_KEY before its gateways start), else one for this run
 * (the public scenario's subgraphs check no token).
 */
let runKey: string | undefined;
const signingKey = () => process.env.INTERNAL_SIGNING_KEY ?? (runKey ??= generateDevKey());

const subgraphEnv = (urls: Record<string, string>) =>
  Object.fromEntries(Object.entries(urls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, url]));

/** Both Omnigraph gateways (A, A0) run with the same environment. */
const omnigraphEnv = (u: Upstreams) => ({ PORT: '0', SUPERGRAPH_PATH: u.supergraphPath, INTERNAL_SIGNING_KEY: signingKey(), ...subgraphEnv(u.subgraphUrls), ...u.omnigraphEnv });

export const GATEWAYS: GatewayDefinition[] = [
  {
    id: 'omnigraph',
    letter: 'A',
    label: 'Omnigraph gateway',
    entry: () => 'gateway/src/index.ts',
    env: omnigraphEnv,
  },
  {
    // The same gateway without its operation limits and authorization: A against A0 is what they cost.
    id: 'omnigraph-unguarded',
    letter: 'A0',
    label: 'Omnigraph, limits and authorization off',
    // BENCH_A0_ENTRY=gateway/src/index.ts makes A0 a second copy of A: the control run that shows
    // how far two identical gateways' figures differ on this machine (bench/results/security-cost-control.md).
    entry: () => process.env.BENCH_A0_ENTRY ?? 'bench/gateways/omnigraph-unguarded.ts',
    env: omnigraphEnv,
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

/** Omnigraph's own gateway, as shipped or unguarded: both get the harness's Omnigraph options (log level, profile). */
export const isOmnigraph = (id: GatewayId) => id === 'omnigraph' || id === 'omnigraph-unguarded';
