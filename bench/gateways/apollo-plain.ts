import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { randomUUID } from 'node:crypto';
import { loadInternalKey, signInternalToken, INTERNAL_TOKEN_HEADER } from '../../lib/authorization/index.ts';
import { announceReady } from '../../lib/announce.ts';

/**
 * (B) The baseline: @apollo/gateway inside @apollo/server's standalone server, defaults
 * everywhere, reading the same supergraph file (with the subgraphs' real URLs) as the others.
 */
const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');

// Omnigraph's subgraphs answer only signed internal calls: on the product stack (which passes
// INTERNAL_SIGNING_KEY) this gateway signs each subgraph call as Omnigraph's gateway does.
const key = process.env.INTERNAL_SIGNING_KEY ? loadInternalKey(process.env) : undefined;
const server = new ApolloServer({
  gateway: new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    ...(key
      ? {
          buildService: ({ name, url }) =>
            new RemoteGraphQLDataSource({
              url,
              willSendRequest({ request }) {
                request.http?.headers.set(INTERNAL_TOKEN_HEADER, signInternalToken(key, name, { actor: 'bench', roles: ['agent'], requestId: randomUUID(), issuer: 'bench' }));
              },
            }),
        }
      : {}),
  }),
});
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' } });
announceReady('apollo-plain', new URL('/graphql', url).href);

const stop = () => void server.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
