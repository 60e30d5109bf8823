import { GraphQLError } from './graphql.ts';

/**
 * Errors the executor creates. Subgraph errors are rebuilt the way @apollo/gateway's
 * `downstreamServiceError` does (same message, re-pathed, `extensions.serviceName`, the
 * subgraph's code or DOWNSTREAM_SERVICE_ERROR), so clients and the gateway's formatError
 * see the same thing whichever executor runs.
 */

export interface SubgraphError {
  message?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export function downstreamServiceError(
  original: SubgraphError,
  serviceName: string,
  path: readonly (string | number)[] | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const extensions: Record<string, unknown> = { ...original.extensions, serviceName };
  // federation-internals keeps a truthy code it does not know, and forces its own code otherwise.
  if (!original.extensions?.code) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(message, { path, extensions });
}

/**
 * A subgraph that could not be reached or answered garbage. @apollo/gateway surfaces the
 * fetcher's own error here (no code, no path); we keep that shape but name the subgraph in
 * `extensions.serviceName`, which is what the gateway's formatError keys SUBGRAPH_UNAVAILABLE on.
 */
export function transportError(serviceName: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, serviceName } });
}

/** Operations this executor refuses, as @apollo/gateway does: subscriptions and @defer/@stream. */
export function unsupported(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_NOT_SUPPORTED' } });
}
