import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { transportError } from './errors.ts';

/**
 * HTTP to subgraphs over undici's `dispatcher.request` with keep-alive. The profile of
 * plain @apollo/gateway put about a fifth of its CPU in make-fetch-happen/minipass-fetch
 * (agent-base even builds an Error stack per request to guess the protocol); the WHATWG
 * fetch layer (Headers, Request, Response, streams) is skipped too, as is a JSON
 * re-stringify of the request: the body arrives here already serialised.
 */

export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/**
 * Headers of one subgraph call: the same for every subgraph, or made per subgraph (the
 * gateway's signed internal token names the subgraph it is for: gateway/src/auth.ts).
 */
export type ForwardHeaders = Readonly<Record<string, string>> | ((serviceName: string) => Readonly<Record<string, string>>);

export interface SubgraphClient {
  /** Resolves to the raw response text; rejects with a GraphQLError naming the subgraph. */
  post(serviceName: string, body: string, forwardHeaders: ForwardHeaders | undefined): Promise<string>;
  close(): Promise<void>;
}

export interface TransportOptions {
  subgraphUrls: Readonly<Record<string, string>>;
  /** Shared keep-alive pool; one is created (and closed on stop) when not given. */
  dispatcher?: Dispatcher;
  /** Budget for each subgraph call, headers and body each, like the fetcher's AbortSignal.timeout. */
  timeoutMs: number;
}

interface Target {
  origin: string;
  path: string;
  url: string;
}

export function createSubgraphClient(options: TransportOptions): SubgraphClient {
  const owned = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 60_000, connections: 128, pipelining: 1 });
  const targets = new Map<string, Target>();
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    const parsed = new URL(url);
    targets.set(name, { origin: parsed.origin, path: parsed.pathname + parsed.search, url });
  }
  const timeout = options.timeoutMs;

  async function post(serviceName: string, body: string, forwardHeaders: ForwardHeaders | undefined): Promise<string> {
    const target = targets.get(serviceName);
    if (!target) throw transportError(serviceName, `Couldn't find service with name "${serviceName}"`);
    const headers: Record<string, string> = { ...(typeof forwardHeaders === 'function' ? forwardHeaders(serviceName) : forwardHeaders), 'content-type': 'application/json' };
    let res: Dispatcher.ResponseData;
    try {
      res = await dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers,
        body,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      throw transportError(serviceName, `request to ${target.url} failed, reason: ${(error as Error).message}`);
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (error) {
      throw transportError(serviceName, `reading the response of ${target.url} failed, reason: ${(error as Error).message}`);
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      // Same message and codes as RemoteGraphQLDataSource.errorFromResponse.
      const statusText = STATUS_CODES[res.statusCode] ?? '';
      const code = res.statusCode === 401 ? 'UNAUTHENTICATED' : res.statusCode === 403 ? 'FORBIDDEN' : undefined;
      throw transportError(serviceName, `${res.statusCode}: ${statusText}`, {
        response: { url: target.url, status: res.statusCode, statusText, body: parseOrText(text) },
        ...(code ? { code } : {}),
      });
    }
    return text;
  }

  return {
    post,
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Parses a 2xx subgraph body; a non-object is a transport failure, as in RemoteGraphQLDataSource. */
export function parseSubgraphResponse(serviceName: string, text: string): SubgraphResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw transportError(serviceName, `Expected JSON response body, but received: ${text.slice(0, 200)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw transportError(serviceName, `Expected JSON response body, but received: ${text.slice(0, 200)}`);
  }
  return body as SubgraphResponse;
}
