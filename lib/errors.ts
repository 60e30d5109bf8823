import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * The one registry of error codes a client can see. Anything thrown that is not a
 * GraphQLError carrying one of these codes is masked to INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CUSTOMER_NOT_FOUND: 'CUSTOMER_NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  // Apollo Server's own request codes: a malformed request (GET without the CSRF-preflight
  // header, text/plain, no content type, a batched array...), passed through with its message.
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  // Operation limits (gateway/src/limits), checked before validation and planning.
  OPERATION_TOO_LARGE: 'OPERATION_TOO_LARGE',
  OPERATION_TOO_DEEP: 'OPERATION_TOO_DEEP',
  OPERATION_TOO_COMPLEX: 'OPERATION_TOO_COMPLEX',
  OPERATION_TIMEOUT: 'OPERATION_TIMEOUT',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** HTTP 413: the request body, or its variables, over the configured size. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** Trusted-documents mode: an ad hoc document from a caller whose roles may not explore. */
  OPERATION_NOT_TRUSTED: 'OPERATION_NOT_TRUSTED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const publicCodes = new Set<string>(Object.values(ErrorCode));

/** What a client may read in `extensions`. Typed once, here. */
export interface OmnigraphErrorExtensions {
  code: ErrorCode;
  /** The system (crm, shop, pos, social...) or subgraph an upstream error comes from. */
  system?: string;
  /** Seconds the upstream asked us to wait (429 / vendor throttling). */
  retryAfterSeconds?: number;
  /** The argument or input field that was rejected. */
  field?: string;
}

export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Omit<OmnigraphErrorExtensions, 'code'> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, field?: string) =>
  codedError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/**
 * A failed call to a vendor system. `status` and `url` are for logs only and never
 * reach clients: formatError strips everything not in OmnigraphErrorExtensions.
 */
export class UpstreamError extends GraphQLError {
  readonly system: string;
  readonly status: number | undefined;
  readonly url: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { system: string; status?: number; url?: string; retryAfterSeconds?: number; cause?: unknown },
  ) {
    super(message, {
      originalError: opts.cause instanceof Error ? opts.cause : undefined,
      extensions: {
        code,
        system: opts.system,
        ...(opts.retryAfterSeconds !== undefined ? { retryAfterSeconds: opts.retryAfterSeconds } : {}),
      },
    });
    this.system = opts.system;
    this.status = opts.status;
    this.url = opts.url;
  }
}

const allowedExtensionKeys = ['code', 'system', 'retryAfterSeconds', 'field', 'serviceName'] as const;

/**
 * Apollo Server `formatError`: coded errors pass with their whitelisted extensions,
 * everything else is logged in full and masked.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const extensions: Record<string, unknown> = {};
      for (const key of allowedExtensionKeys) {
        if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      }
      const original = unwrap(error);
      if (original instanceof UpstreamError) {
        logger.warn({ system: original.system, status: original.status, url: original.url, code }, original.message);
      }
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrap(error), path: formatted.path }, 'unexpected error (masked)');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function unwrap(error: unknown): unknown {
  if (error instanceof GraphQLError && error.originalError) return error.originalError;
  return error;
}
