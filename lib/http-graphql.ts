import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.ts';

/**
 * A minimal node:http integration for Apollo Server (the documented
 * `executeHTTPGraphQLRequest` route), shared by the gateway and every subgraph, so
 * neither needs a web framework for one route.
 *
 * What it adds to Apollo's own request handling, because Apollo only sees a parsed body:
 *   - bodies and variables over their size answer 413 PAYLOAD_TOO_LARGE (the body is drained,
 *     not reset, so the client reads the answer);
 *   - a `guard` (the gateway's trusted documents and operation limits) sees the request after
 *     the caller is known and before Apollo parses, validates or plans anything;
 *   - answers over `maxResponseBytes` become a coded RESPONSE_TOO_LARGE instead.
 */

/** The GraphQL-over-HTTP request parameters, as sent (GET search or a JSON POST body). */
export interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
  /** Persisted document id (GraphQL-over-HTTP persisted documents / GraphQL Code Generator's client preset). */
  documentId?: unknown;
  [key: string]: unknown;
}

/** The guard's verdict: the (possibly rewritten) parameters, or a coded refusal. */
export type GuardResult = GraphQLParams | GraphQLError;
export type RequestGuard<TContext> = (params: GraphQLParams, context: TContext) => GuardResult | Promise<GuardResult>;

export interface GraphQLHandlerOptions<TContext> {
  /** Largest request body accepted (bytes); default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest `variables` accepted (bytes of JSON); default 256 KiB. */
  maxVariablesBytes?: number;
  /** Largest response body sent (bytes); default 16 MiB. */
  maxResponseBytes?: number;
  guard?: RequestGuard<TContext>;
}

export const HTTP_LIMIT_DEFAULTS = { maxBodyBytes: 1024 * 1024, maxVariablesBytes: 256 * 1024, maxResponseBytes: 16 * 1024 * 1024 } as const;

/** A coded error for a refused request; `status` is the HTTP status it answers with. */
export function requestError(code: ErrorCode, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: ContextFunction<[{ req: IncomingMessage; requestId: string }], TContext>,
  options: GraphQLHandlerOptions<TContext> = {},
) {
  const maxBody = options.maxBodyBytes ?? HTTP_LIMIT_DEFAULTS.maxBodyBytes;
  const maxVariables = options.maxVariablesBytes ?? HTTP_LIMIT_DEFAULTS.maxVariablesBytes;
  const maxResponse = options.maxResponseBytes ?? HTTP_LIMIT_DEFAULTS.maxResponseBytes;
  const tooLarge = (what: string, limit: number) =>
    requestError(ErrorCode.PAYLOAD_TOO_LARGE, `The ${what} is larger than the limit of ${limit} bytes.`, 413);

  return async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    res.setHeader('x-request-id', requestId);
    const refuse = (error: GraphQLError) => sendRequestError(res, headers.get('accept'), error);

    let raw = '';
    if (req.method === 'POST') {
      const read = await readBodyWithin(req, maxBody);
      if (read === undefined) return refuse(tooLarge('request body', maxBody));
      raw = read;
    }
    let body: unknown = raw;
    if (raw && (headers.get('content-type') ?? '').includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return refuse(requestError(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON'));
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let search = url.search;

    // Variables arrive as one JSON string on GET, as part of the body on POST.
    const getVariables = req.method === 'GET' ? url.searchParams.get('variables') : null;
    if (getVariables !== null && Buffer.byteLength(getVariables) > maxVariables) return refuse(tooLarge('variables', maxVariables));
    for (const params of paramsIn(body)) {
      if (params.variables !== undefined && params.variables !== null && jsonBytes(params.variables) > maxVariables) {
        return refuse(tooLarge('variables', maxVariables));
      }
    }

    let contextValue: TContext | undefined;
    let contextFailure: unknown;
    if (options.guard) {
      // The guard needs the caller (roles decide who may send ad hoc documents), so the
      // context is built here once; a failure (401) is left to Apollo to answer as it always does.
      try {
        contextValue = await context({ req, requestId });
      } catch (error) {
        contextFailure = error;
      }
      if (contextValue !== undefined) {
        if (req.method === 'GET') {
          const verdict = await options.guard(paramsOfSearch(url.searchParams), contextValue);
          if (isGraphQLError(verdict)) return refuse(verdict);
          search = searchOf(verdict);
        } else if (Array.isArray(body)) {
          const guarded: unknown[] = [];
          for (const item of body) {
            if (!isObject(item)) {
              guarded.push(item);
              continue;
            }
            const verdict = await options.guard(item, contextValue);
            if (isGraphQLError(verdict)) return refuse(verdict);
            guarded.push(verdict);
          }
          body = guarded;
        } else if (isObject(body)) {
          const verdict = await options.guard(body, contextValue);
          if (isGraphQLError(verdict)) return refuse(verdict);
          body = verdict;
        }
      }
    }

    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: options.guard
        ? () => (contextFailure !== undefined || contextValue === undefined ? Promise.reject(contextFailure) : Promise.resolve(contextValue))
        : () => context({ req, requestId }),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (res.statusCode === 400 && result.body.kind === 'complete' && isLegacyJson(result.headers.get('content-type')) && onlyDocumentErrors(result.body.string)) {
      res.statusCode = 200;
    }
    if (result.body.kind === 'complete') {
      const text = result.body.string;
      // length ≤ bytes ≤ 3 × length for UTF-16 strings: count bytes only when it can matter.
      if (text.length * 3 > maxResponse && Buffer.byteLength(text) > maxResponse) {
        const replaced = JSON.stringify({
          data: null,
          errors: [{ message: `The response is larger than the limit of ${maxResponse} bytes; ask for fewer fields or a smaller page.`, extensions: { code: ErrorCode.RESPONSE_TOO_LARGE } }],
        });
        res.setHeader('content-length', Buffer.byteLength(replaced));
        res.end(replaced);
        return;
      }
      res.end(text);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** Not `instanceof`: a guard may build its errors with another copy of graphql-js (see gateway/src/executor/graphql.ts). */
const isGraphQLError = (value: unknown): value is GraphQLError => value instanceof Error && 'extensions' in value;
const isObject = (value: unknown): value is GraphQLParams => typeof value === 'object' && value !== null && !Array.isArray(value);
const paramsIn = (body: unknown): GraphQLParams[] => (Array.isArray(body) ? body.filter(isObject) : isObject(body) ? [body] : []);
const jsonBytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : Buffer.byteLength(JSON.stringify(value) ?? ''));

/** GET parameters as a guard sees them (variables and extensions JSON-decoded when they parse). */
function paramsOfSearch(search: URLSearchParams): GraphQLParams {
  const params: GraphQLParams = {};
  for (const [key, value] of search) {
    if (key === 'variables' || key === 'extensions') {
      try {
        params[key] = JSON.parse(value);
      } catch {
        params[key] = value; // Apollo answers the malformed JSON with its own BAD_REQUEST
      }
    } else params[key] = value;
  }
  return params;
}

function searchOf(params: GraphQLParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The media type of an answer Omnigraph writes itself: `application/graphql-response+json`
 * when the client lists it before `application/json` (GraphQL over HTTP), else JSON.
 */
export function responseMediaType(accept: string | undefined): string {
  const json = 'application/json; charset=utf-8';
  if (!accept) return json;
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]?.trim().toLowerCase();
    if (type === 'application/graphql-response+json') return 'application/graphql-response+json; charset=utf-8';
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return json;
  }
  return json;
}

/**
 * Errors in the document itself (it does not parse, validate, coerce its variables, or keep
 * within the operation limits). GraphQL over HTTP: under `application/json` these are answered
 * 200 (a client of the legacy type reads `errors`), under `application/graphql-response+json` 400.
 */
const DOCUMENT_ERROR_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.OPERATION_TOO_LARGE,
  ErrorCode.OPERATION_TOO_DEEP,
  ErrorCode.OPERATION_TOO_COMPLEX,
]);
const isLegacyJson = (contentType: string | undefined) => (contentType ?? '').startsWith('application/json');

function onlyDocumentErrors(text: string): boolean {
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return body.data === undefined && !!body.errors?.length && body.errors.every((e) => DOCUMENT_ERROR_CODES.has(String(e.extensions?.code)));
  } catch {
    return false;
  }
}

function sendRequestError(res: ServerResponse, accept: string | undefined, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } } & Record<string, unknown>;
  const text = JSON.stringify({ errors: [{ message: error.message, extensions }] });
  const mediaType = responseMediaType(accept);
  const status = http?.status ?? 400;
  const legacyDocumentError = status === 400 && isLegacyJson(mediaType) && DOCUMENT_ERROR_CODES.has(String(extensions.code));
  res.writeHead(legacyDocumentError ? 200 : status, { 'content-type': mediaType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The caller's request id when it sent one (the gateway forwards its own), else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

/** Past this much of an oversized body the connection is cut rather than drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The body as text, or `undefined` when it is larger than `limitBytes` (a declared
 * Content-Length over the limit is not buffered at all). An oversized body is drained (read and
 * dropped) before the caller answers, because a client still uploading when the server answers
 * and closes sees EPIPE or a reset instead of its 413; past 64 MiB the socket is cut.
 */
export function readBodyWithin(req: IncomingMessage, limitBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let over = Number.isFinite(declared) && declared > limitBytes;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > limitBytes) {
        over = true;
        chunks.length = 0;
      }
      if (!over) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => (over ? resolve(undefined) : reject(error)));
  });
}

/** The body as text; rejects past `limitBytes` (webhook receivers, which answer 413 themselves). */
export async function readBody(req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<string> {
  const text = await readBodyWithin(req, limitBytes);
  if (text === undefined) throw new Error('request body too large');
  return text;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
