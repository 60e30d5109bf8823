import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Standin } from '../../systems/lib/standin.ts';

/**
 * The vendor route reference: `systems/<name>/vendor-routes.json` lists the vendor's documented
 * routes the product may use, with the query parameters and top-level body keys it may send
 * (GraphQL endpoints: the root fields it may ask for). A connector's vendor-routes test records
 * every request the connector makes through this helper and fails on any request, parameter,
 * body key or GraphQL field that is not in the reference. A query value that is a JSON object
 * (Zalo's `data={"user_id":…}`) is checked key by key, as `data.user_id`; a route that lists
 * `headers` has the request's own header names checked too (transport headers aside).
 */
export interface VendorRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The vendor's path template: `{name}` matches one path segment (or part of one: `{id}.json`). */
  path: string;
  /** Query parameter names; `name.key` for each key of a JSON-object value. */
  query?: string[];
  body?: string[];
  /** Request headers the vendor documents (lower case); when present, every other header a request sends is reported. */
  headers?: string[];
  /** GraphQL endpoints: root fields (queries and mutations) the product may use. */
  operations?: string[];
  /** The vendor's documentation page for this route. */
  doc: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string[];
  body: string[];
  operations: string[];
  /** Header names, lower case, without the transport headers every HTTP client sends. */
  headers?: string[];
}

/** Sent by every HTTP client (fetch, undici) and not a vendor parameter: never reported. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-type', 'content-length', 'accept', 'accept-encoding', 'accept-language', 'user-agent', 'sec-fetch-mode', 'transfer-encoding']);

/** Query parameter names, plus `name.key` for each key of a value that is a JSON object. */
function queryNames(params: URLSearchParams): string[] {
  const names = new Set<string>();
  for (const [name, value] of params) {
    names.add(name);
    if (!value.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) for (const key of Object.keys(parsed)) names.add(`${name}.${key}`);
    } catch {
      // Not JSON: the name alone is checked.
    }
  }
  return [...names].sort();
}

export function loadVendorRoutes(system: string): VendorRoute[] {
  const file = fileURLToPath(new URL(`../../systems/${system}/vendor-routes.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as VendorRoute[];
}

/** Root field names of every operation in a GraphQL document; `['<unparsable>']` when it does not parse. */
function rootFields(query: unknown): string[] {
  if (typeof query !== 'string') return [];
  try {
    return parse(query)
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .flatMap((op) => op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])));
  } catch {
    return ['<unparsable>'];
  }
}

function describe(req: FastifyRequest): RecordedRequest {
  const url = new URL(req.url, 'http://standin');
  const body = req.body;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  return {
    method: req.method,
    path: url.pathname,
    query: queryNames(url.searchParams),
    body: isObject ? Object.keys(body).sort() : [],
    operations: url.pathname.endsWith('/graphql.json') && isObject ? rootFields((body as { query?: unknown }).query) : [],
    headers: Object.keys(req.headers)
      .map((name) => name.toLowerCase())
      .filter((name) => !TRANSPORT_HEADERS.has(name))
      .sort(),
  };
}

/** Records every vendor call the stand-in answers until `stop()`. */
export function recordVendorRequests(standin: Standin): { requests: RecordedRequest[]; stop: () => void } {
  const requests: RecordedRequest[] = [];
  const stop = standin.onVendorRequest((req) => requests.push(describe(req)));
  return { requests, stop };
}

function templateRegex(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

/** The reference route a request was made to, if any (method and path only). */
export function routeOf(routes: readonly VendorRoute[], req: RecordedRequest): VendorRoute | undefined {
  return routes.find((r) => r.method === req.method && templateRegex(r.path).test(req.path));
}

/** One line per request, parameter, body key or GraphQL field outside the reference; empty when all are in it. */
export function offReference(routes: readonly VendorRoute[], requests: readonly RecordedRequest[]): string[] {
  const problems = new Set<string>();
  for (const req of requests) {
    const route = routeOf(routes, req);
    if (!route) {
      problems.add(`${req.method} ${req.path}: not a route in the vendor reference`);
      continue;
    }
    const where = `${route.method} ${route.path}`;
    for (const name of req.query) if (!(route.query ?? []).includes(name)) problems.add(`${where}: query parameter "${name}" not in the reference`);
    for (const key of req.body) if (!(route.body ?? []).includes(key)) problems.add(`${where}: body key "${key}" not in the reference`);
    for (const op of req.operations) if (!(route.operations ?? []).includes(op)) problems.add(`${where}: GraphQL field "${op}" not in the reference`);
    if (route.headers) for (const name of req.headers ?? []) if (!route.headers.includes(name)) problems.add(`${where}: header "${name}" not in the reference`);
  }
  return [...problems].sort();
}

/** `METHOD path` of each reference route the requests used, for a test to print and to check coverage. */
export function routesUsed(routes: readonly VendorRoute[], requests: readonly RecordedRequest[]): string[] {
  const used = new Set<string>();
  for (const req of requests) {
    const route = routeOf(routes, req);
    if (route) used.add(`${route.method} ${route.path}${req.operations.length ? ` {${[...new Set(req.operations)].join(',')}}` : ''}`);
  }
  return [...used].sort();
}
