import type { GraphQLHandlerOptions, GraphQLParams } from '../../../lib/http-graphql.ts';
import type { Caller, createTrustedDocuments } from '../trusted-documents.ts';
import type { LimitsConfig } from './config.ts';
import { createOperationLimits } from './guard.ts';

export { loadLimitsConfig, limitsShape, type LimitsConfig } from './config.ts';
export { withOperationDeadline } from './deadline.ts';
export { createOperationLimits } from './guard.ts';

/**
 * The gateway's request guard and HTTP limits, for `graphqlHandler`: trusted documents first
 * (which text runs, and may this caller send it), then the operation limits on that text.
 */
export function requestHandling<TContext extends { caller: Caller }>(
  limits: LimitsConfig,
  trusted: ReturnType<typeof createTrustedDocuments>,
  operationLimits: ReturnType<typeof createOperationLimits>,
): GraphQLHandlerOptions<TContext> {
  return {
    ...byteLimits(limits),
    guard: (params: GraphQLParams, context: TContext) => {
      const resolved = trusted.resolve(params, context.caller);
      return resolved instanceof Error ? resolved : operationLimits.guard(resolved);
    },
  };
}

/** The HTTP byte limits alone (no trusted documents, no operation limits): part of the above, and all the benchmark's unguarded gateway keeps. */
export function byteLimits<TContext>(limits: LimitsConfig): GraphQLHandlerOptions<TContext> {
  return { maxBodyBytes: limits.MAX_BODY_BYTES, maxVariablesBytes: limits.MAX_VARIABLES_BYTES, maxResponseBytes: limits.MAX_RESPONSE_BYTES };
}
