import { createRequire } from 'node:module';

/**
 * graphql-js as @apollo/server and @apollo/subgraph load it (CommonJS). Under vitest an ESM
 * import resolves to graphql's second ("module") build, whose schema predicates throw on the
 * other build's types and whose GraphQLErrors Apollo re-wraps (see gateway/src/executor/graphql.ts).
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const { GraphQLError, Kind, getNamedType, isInterfaceType, isLeafType, isObjectType, parse } = graphql;
