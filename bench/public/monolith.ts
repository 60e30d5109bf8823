import { ApolloServer } from '@apollo/server';
import { makeExecutableSchemaFromSdl } from './monolith-schema.ts';
import { serveApollo } from '../lib/serve.ts';

/**
 * The floor of the public scenario: one @apollo/server answering the same query over the
 * same data in one process, no federation, no network hop to subgraphs.
 */
await serveApollo('monolith', new ApolloServer({ schema: makeExecutableSchemaFromSdl() }));
