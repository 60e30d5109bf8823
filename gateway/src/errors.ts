import type { GraphQLFormattedError } from 'graphql';
import { createFormatError, ErrorCode } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

/**
 * The gateway's error policy. Coded errors from subgraphs pass through with the system
 * they name. A subgraph that could not be reached (down, timed out, answered garbage)
 * becomes SUBGRAPH_UNAVAILABLE naming that subgraph, so a client knows which part of the
 * answer is missing; everything else is masked by the shared formatter.
 */
export function createGatewayFormatError(logger: Logger) {
  const format = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const serviceName = formatted.extensions?.serviceName;
    const code = formatted.extensions?.code;
    if (typeof serviceName === 'string' && !isPublic(code)) {
      logger.warn({ subgraph: serviceName, message: formatted.message, code }, 'subgraph fetch failed');
      return {
        message: `The ${serviceName} subgraph is unavailable; its fields are missing from this response.`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, system: serviceName },
      };
    }
    return format(formatted, error);
  };
}

const publicCodes = new Set<unknown>(Object.values(ErrorCode));
const isPublic = (code: unknown) => publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
