import type { BaseContext } from '@apollo/server';
import { fileURLToPath } from 'node:url';
import { startSubgraph, type SubgraphDefinition } from '../../lib/subgraph-server.ts';
import { internalHeaders, loadInternalKey, type Role } from '../../lib/authorization/index.ts';
import { listenStandin, type Faults, type Standin } from '../../systems/lib/standin.ts';
import { recordVendorRequests } from './vendor-routes.ts';

/** The small hand-written data set of component tests (systems/DATA-FORMAT.md). */
export const fixtureDataDir = fileURLToPath(new URL('../fixtures/dataset', import.meta.url));

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/**
 * The headers of a direct call to a subgraph, signed with the tests' internal key (vitest.config.ts)
 * as the gateway would sign it. Component tests act as the gateway for an admin unless they
 * say otherwise; security tests pass narrower roles.
 */
export function signedAs(subgraph: string, caller: { actor?: string; roles?: Role[] } = {}, key = process.env.INTERNAL_SIGNING_KEY): Record<string, string> {
  return internalHeaders(loadInternalKey({ INTERNAL_SIGNING_KEY: key }), subgraph, {
    actor: caller.actor ?? 'component-test',
    roles: caller.roles ?? ['admin'],
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    issuer: 'test',
  });
}

interface StandinModule {
  createStandinApp(opts: { dataDir: string; faults?: Partial<Faults> }): Promise<Standin>;
}
interface SubgraphModule {
  createSubgraph(config: unknown): SubgraphDefinition<BaseContext> & { subscribe?: (baseUrl: string) => Promise<void> };
}
interface ConfigModule {
  loadSubgraphConfig(env: NodeJS.ProcessEnv): unknown;
}

/**
 * A channel subgraph against its stand-in system, both in this process on port 0, over
 * real HTTP. `upstreamCalls()` reads the stand-in's request counter by route, so tests
 * can assert how many vendor calls a query made.
 */
/**
 * The subgraph's entity cache is off (CACHE_STORE=off) unless `env` turns it on, so call counts
 * measure the subgraph's own batching; `env: { CACHE_STORE: 'memory' }` tests the cache, and
 * `subscribe()` registers its invalidation webhooks with the stand-in.
 */
export async function startComponent(name: string, opts: { dataDir?: string; faults?: Partial<Faults>; env?: Record<string, string> } = {}) {
  const { createStandinApp } = (await import(`../../systems/${name}/src/app.ts`)) as StandinModule;
  const standin = await createStandinApp({ dataDir: opts.dataDir ?? fixtureDataDir, ...(opts.faults ? { faults: opts.faults } : {}) });
  const recording = recordVendorRequests(standin);
  const systemUrl = await listenStandin(standin, 0);
  const { loadSubgraphConfig } = (await import(`../../subgraphs/${name}/src/config.ts`)) as ConfigModule;
  const { createSubgraph } = (await import(`../../subgraphs/${name}/src/server.ts`)) as SubgraphModule;
  const config = loadSubgraphConfig({ ...process.env, CACHE_STORE: 'off', PORT: '0', UPSTREAM_URL: systemUrl, ...opts.env });
  const definition = createSubgraph(config);
  const subgraph = await startSubgraph(definition, { port: 0 });
  return {
    standin,
    systemUrl,
    url: subgraph.url,
    /** A call signed as the gateway would sign it (for an admin unless `as` says otherwise). */
    query: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: { actor?: string; roles?: Role[] }) =>
      postGraphQL<T>(subgraph.url, query, variables, signedAs(name, as)),
    /** Signed headers for this subgraph, for raw calls (the identity feed). */
    signed: (as?: { actor?: string; roles?: Role[] }) => signedAs(name, as),
    /** Vendor calls since the last reset, by `METHOD /route`. */
    upstreamCalls: () => standin.stats().byRoute,
    upstreamTotal: () => standin.stats().total,
    resetCalls: () => standin.resetStats(),
    /** Every vendor call since the start: method, path, query parameter names, body keys (test/helpers/vendor-routes.ts). */
    vendorRequests: () => recording.requests,
    setFaults: (faults: Partial<Faults>) => Object.assign(standin.faults, faults),
    /** Registers the subgraph's cache-invalidation webhooks with its stand-in (channel subgraphs with a cache). */
    subscribe: () => definition.subscribe?.(new URL(subgraph.url).origin) ?? Promise.resolve(),
    async close() {
      await subgraph.close();
      // Teardown: a vendor connection a fault test left half-answered must not hold the close.
      const closing = standin.app.close();
      standin.app.server.closeAllConnections();
      await closing;
    },
  };
}
