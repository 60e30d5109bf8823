import { createRequire } from 'node:module';

/**
 * The graphql-js instance of @apollo/server and graphql-armor (CommonJS), for the same reason
 * as gateway/src/executor/graphql.ts: under vite/vitest an ESM `import 'graphql'` is a second
 * copy, and the API schema's types fail its `instanceof` checks ("from another module or realm").
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const { Kind, Lexer, Source, TokenKind, parse, validate, visit, getNamedType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType } = graphql;
