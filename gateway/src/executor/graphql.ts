import { createRequire } from 'node:module';

/**
 * The graphql-js instance shared with @apollo/server, @apollo/federation-internals and
 * @apollo/query-planner. Those load graphql through `require` (CommonJS); an ESM `import`
 * resolves to the same file under Node, but bundlers and vite/vitest pick graphql's "module"
 * build instead, a second copy whose classes fail the other's `instanceof` checks (schema
 * predicates throw "from another module or realm"; Apollo Server re-wraps our GraphQLErrors
 * and drops their paths). Requiring it pins one instance everywhere.
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const { GraphQLError, Kind, executeSync, getVariableValues, parse, print, stripIgnoredCharacters, typeFromAST, valueFromAST, visit } = graphql;
export const { isAbstractType, isCompositeType, isEnumType, isInterfaceType, isListType, isNonNullType, isObjectType, getNamedType } = graphql;
export type GraphQLError = import('graphql').GraphQLError;
