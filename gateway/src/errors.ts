import type { GraphQLFormattedError } from 'graphql';
import { createFormatError, ErrorCode } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

/**
 * The gateway's error policy. Coded errors from subgraphs pass through with the system
 * they name. A subgraph that could not be reached (down, timed out, a non-2xx answer)
 * becomes SUBGRAPH_UNAVAILABLE naming that subgraph, so a client knows which part of the
 * answer is missing; a subgraph that answered with its own masked internal error stays
 * INTERNAL_SERVER_ERROR, naming it too. Everything else is masked by the shared formatter.
 */
export function createGatewayFormatError(logger: Logger) {
  const format = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const serviceName = formatted.extensions?.serviceName;
    const code = formatted.extensions?.code;
    if (typeof serviceName === 'string' && !isPublic(code)) {
      const unreachable = isTransportFailure(formatted);
      logger.warn({ subgraph: serviceName, message: formatted.message, code }, unreachable ? 'subgraph unreachable' : 'subgraph internal error');
      return {
        message: unreachable ? `The ${serviceName} subgraph is unavailable; its fields are missing from this response.` : 'Internal server error',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: unreachable ? ErrorCode.SUBGRAPH_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR, system: serviceName },
      };
    }
    return format(formatted, error);
  };
}

const publicCodes = new Set<unknown>(Object.values(ErrorCode));
const isPublic = (code: unknown) => publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;

/** The fetch itself failed (both executors word these like RemoteGraphQLDataSource), rather than a resolver in the subgraph. */
function isTransportFailure(formatted: GraphQLFormattedError): boolean {
  return (
    formatted.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR' ||
    formatted.extensions?.response !== undefined ||
    /^(request to |reading the response of )/.test(formatted.message)
  );
}
