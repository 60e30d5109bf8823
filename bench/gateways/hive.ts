import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { announceReady } from '../../lib/announce.ts';
import { loadInternalKey, signInternalToken, INTERNAL_TOKEN_HEADER } from '../../lib/authorization/index.ts';

/**
 * (C) Hive Gateway's programmatic runtime (one process, no worker forks) on node:http,
 * reading the same supergraph file. Incoming in-flight request deduplication is switched
 * off explicitly (`inboundInflightRequestDeduplication`, default false in 2.15): the load
 * sends the same query 50 times at once, and collapsing it would measure a cache, not a
 * gateway.
 */
const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');

// Omnigraph's subgraphs answer only signed internal calls: on the product stack (which passes
// INTERNAL_SIGNING_KEY) every subgraph fetch is signed for the subgraph its URL belongs to.
const key = process.env.INTERNAL_SIGNING_KEY ? loadInternalKey(process.env) : undefined;
const subgraphByUrl = new Map([...readFileSync(supergraphPath, 'utf8').matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].map((m) => [m[2] ?? '', m[1] ?? '']));

const gateway = createGatewayRuntime({
  supergraph: supergraphPath,
  plugins: () =>
    key
      ? [
          {
            onFetch({ url, options, setOptions }) {
              const name = subgraphByUrl.get(url);
              if (!name) return;
              const token = signInternalToken(key, name, { actor: 'bench', roles: ['agent'], requestId: randomUUID(), issuer: 'bench' });
              const headers: Record<string, string> = {};
              new Headers(options.headers as HeadersInit | undefined).forEach((value, name) => (headers[name] = value));
              setOptions({ ...options, headers: { ...headers, [INTERNAL_TOKEN_HEADER]: token } });
            },
          },
        ]
      : [],
  inboundInflightRequestDeduplication: false,
  logging: 'error',
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
});
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
announceReady('hive', `http://127.0.0.1:${port}/graphql`);

const stop = () => {
  server.closeAllConnections();
  server.close(() => void Promise.resolve(gateway.dispose()).finally(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
