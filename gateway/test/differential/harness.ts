import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { graphqlHandler, requestIdOf } from '../../../lib/http-graphql.ts';
import { createOmnigraphGateway, type OmnigraphGateway } from '../../src/executor/index.ts';
import type { EntityBatching } from '../../src/executor/batch.ts';

/**
 * Differential harness: in-process subgraphs on port 0, composed with @apollo/composition,
 * behind Apollo Servers, one with plain @apollo/gateway (defaults) and one with the
 * Omnigraph executor (entity batching `tick`, the default),
 * plus one Omnigraph executor per batching mode for the batching cases.
 * Every operation runs through both and the answers are compared.
 */

export interface SubgraphDef {
  name: string;
  typeDefs: string;
  /** Resolvers by type and field, as buildSubgraphSchema takes them. */
  resolvers: Record<string, Record<string, unknown>>;
  /** Composed into the supergraph but never started: its URL refuses connections. */
  down?: boolean;
  /** Extra validation rules of the subgraph's server (e.g. an alias limit). */
  validationRules?: ConstructorParameters<typeof ApolloServer>[0]['validationRules'];
}

export interface Answer {
  data?: unknown;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Harness {
  apollo(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<Answer>;
  omni(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<Answer>;
  omnigraph: OmnigraphGateway;
  /** The Omnigraph executor with entity batching in the given mode. */
  omniMode(mode: EntityBatching, query: string, variables?: Record<string, unknown>): Promise<Answer>;
  /** The executors behind omniMode, for their batch counters. */
  omnigraphByMode: Record<EntityBatching, OmnigraphGateway>;
  /** x-request-id headers each subgraph received, in order. */
  seenRequestIds: Record<string, string[]>;
  /** HTTP requests each subgraph received (all gateways); reset by setting entries to 0. */
  requestCounts: Record<string, number>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startHarness(defs: SubgraphDef[]): Promise<Harness> {
  const closers: (() => Promise<void>)[] = [];
  const seenRequestIds: Record<string, string[]> = {};
  const requestCounts: Record<string, number> = {};
  const services: { name: string; typeDefs: ReturnType<typeof parse>; url: string }[] = [];
  for (const def of defs) {
    const typeDefs = parse(def.typeDefs);
    if (def.down) {
      // Take a free port and give it back: nothing listens there during the test.
      const probe = createServer();
      const port = await listen(probe);
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      services.push({ name: def.name, typeDefs, url: `http://127.0.0.1:${port}/graphql` });
      continue;
    }
    const apollo = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers: def.resolvers as never }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      ...(def.validationRules ? { validationRules: def.validationRules } : {}),
    });
    await apollo.start();
    const seen: string[] = (seenRequestIds[def.name] = []);
    requestCounts[def.name] = 0;
    const handler = graphqlHandler(apollo, async () => ({}));
    const http = createServer((req, res) => {
      requestCounts[def.name]!++;
      const given = req.headers['x-request-id'];
      if (typeof given === 'string') seen.push(given);
      void handler(req, res, requestIdOf(req));
    });
    const port = await listen(http);
    services.push({ name: def.name, typeDefs, url: `http://127.0.0.1:${port}/graphql` });
    closers.push(async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await apollo.stop();
    });
  }
  const composed = composeServices(services);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphSdl = composed.supergraphSdl;

  // @apollo/gateway otherwise exports usage telemetry to Apollo: tests stay on 127.0.0.1.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const apolloGateway = new ApolloServer<{ requestId: string }>({ gateway: new ApolloGateway({ supergraphSdl, logger: quiet }), logger: quiet });
  const omnigraph = createOmnigraphGateway({ supergraphSdl, timeoutMs: 5_000 });
  const omniServer = new ApolloServer<{ requestId: string }>({ gateway: omnigraph, logger: quiet });
  await apolloGateway.start();
  await omniServer.start();
  const byMode = new Map<EntityBatching, ApolloServer<{ requestId: string }>>();
  const omnigraphByMode = {} as Record<EntityBatching, OmnigraphGateway>;
  for (const mode of ['off', 'tick', 'immediate'] as const) {
    omnigraphByMode[mode] = createOmnigraphGateway({ supergraphSdl, timeoutMs: 5_000, entityBatching: mode });
    const server = new ApolloServer<{ requestId: string }>({ gateway: omnigraphByMode[mode], logger: quiet });
    await server.start();
    byMode.set(mode, server);
  }

  const run = (server: ApolloServer<{ requestId: string }>) => async (query: string, variables?: Record<string, unknown>, requestId = 'test-request') => {
    const response = await server.executeOperation({ query, variables }, { contextValue: { requestId } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as Answer;
  };
  return {
    apollo: run(apolloGateway),
    omni: run(omniServer),
    omnigraph,
    omniMode: (mode, query, variables) => run(byMode.get(mode)!)(query, variables),
    omnigraphByMode,
    seenRequestIds,
    requestCounts,
    async close() {
      for (const server of byMode.values()) await server.stop();
      await omniServer.stop();
      await apolloGateway.stop();
      for (const close of closers) await close();
    },
  };
}

/** What must match between the two gateways: data byte for byte (key order too), errors by path and code. */
export function comparable(answer: Answer) {
  const errorKey = (e: { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }) =>
    JSON.stringify({ path: e.path ?? null, code: e.extensions?.code ?? null });
  const valueCompletion = answer.extensions?.valueCompletion as Answer['errors'] | undefined;
  return {
    data: JSON.stringify(answer.data),
    errors: (answer.errors ?? []).map(errorKey).sort(),
    valueCompletion: (valueCompletion ?? []).map(errorKey).sort(),
  };
}
