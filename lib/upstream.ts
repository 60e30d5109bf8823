import { Agent, request, errors as undiciErrors, type Dispatcher } from 'undici';
import { ErrorCode, UpstreamError } from './errors.ts';
import { upstreamDuration, upstreamRequests } from './metrics.ts';

/**
 * The HTTP client every connector uses to talk to its vendor system. One keep-alive
 * connection pool per process (vendor APIs charge a TLS handshake per new connection);
 * the client object itself is built per request so it can carry the request id.
 */
const sharedAgent = new Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 });

export interface VendorErrorMapping {
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

export interface UpstreamOptions {
  system: string;
  baseUrl: string;
  /** Vendor auth and version headers (Authorization, X-Shopify-Access-Token, Square-Version...). */
  headers?: Record<string, string>;
  /** Per-attempt time budget; a slow system then degrades only its own fields. */
  timeoutMs?: number;
  /** Extra attempts for throttling, 5xx and network errors, on idempotent calls only. */
  retries?: number;
  /** The longest Retry-After we are willing to wait inside one GraphQL request. */
  maxRetryAfterMs?: number;
  /** Vendor-specific reading of an error response (envelope, throttling signal). */
  mapError: (status: number, body: unknown, headers: Record<string, string | string[] | undefined>) => VendorErrorMapping;
  /** Statuses that are not errors for this vendor (HubSpot batch 207). */
  okStatuses?: readonly number[];
  requestId?: string;
  dispatcher?: Dispatcher;
}

export interface UpstreamResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export class UpstreamClient {
  constructor(private readonly opts: UpstreamOptions) {}

  get<T>(path: string, query?: Query): Promise<UpstreamResponse<T>> {
    return this.request<T>({ method: 'GET', path, query, idempotent: true });
  }

  /** POST reads (batch-retrieve, search) are idempotent; writes pass `idempotent: false` and an idempotency key. */
  post<T>(path: string, body: unknown, opts: { idempotent?: boolean; headers?: Record<string, string>; query?: Query } = {}): Promise<UpstreamResponse<T>> {
    return this.request<T>({ method: 'POST', path, body, query: opts.query, headers: opts.headers, idempotent: opts.idempotent ?? true });
  }

  async request<T>(req: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: string;
    query?: Query | undefined;
    body?: unknown;
    headers?: Record<string, string> | undefined;
    idempotent: boolean;
  }): Promise<UpstreamResponse<T>> {
    const { system } = this.opts;
    const url = buildUrl(this.opts.baseUrl, req.path, req.query);
    const attempts = 1 + (req.idempotent ? (this.opts.retries ?? 1) : 0);
    let lastError: UpstreamError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const started = performance.now();
      try {
        const res = await request(url, {
          method: req.method,
          dispatcher: this.opts.dispatcher ?? sharedAgent,
          headers: {
            accept: 'application/json',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(this.opts.requestId ? { 'x-request-id': this.opts.requestId } : {}),
            ...this.opts.headers,
            ...req.headers,
          },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
        });
        const text = await res.body.text();
        upstreamDuration.observe({ system }, (performance.now() - started) / 1000);
        const body = parseJson(text);
        if ((res.statusCode >= 200 && res.statusCode < 300) || this.opts.okStatuses?.includes(res.statusCode)) {
          upstreamRequests.inc({ system, method: req.method, outcome: 'ok' });
          return { status: res.statusCode, headers: res.headers, body: body as T };
        }
        const mapped = this.opts.mapError(res.statusCode, body, res.headers);
        upstreamRequests.inc({ system, method: req.method, outcome: mapped.code });
        lastError = new UpstreamError(mapped.code, `${system}: ${mapped.message}`, {
          system,
          status: res.statusCode,
          url,
          ...(mapped.retryAfterSeconds !== undefined ? { retryAfterSeconds: mapped.retryAfterSeconds } : {}),
        });
        if (!isRetryable(mapped.code)) throw lastError;
        const waitMs = backoff(attempt, mapped.retryAfterSeconds);
        if (attempt + 1 >= attempts || waitMs > (this.opts.maxRetryAfterMs ?? 1_000)) throw lastError;
        await sleep(waitMs);
      } catch (error) {
        if (error instanceof UpstreamError) throw error;
        const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
        const code = timedOut ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE;
        upstreamRequests.inc({ system, method: req.method, outcome: code });
        lastError = new UpstreamError(code, timedOut ? `${system} did not answer in time` : `${system} is unreachable`, {
          system,
          url,
          cause: error,
        });
        // A timed-out call already used the whole budget: do not spend it twice.
        if (timedOut || attempt + 1 >= attempts || !isNetworkError(error)) throw lastError;
        await sleep(backoff(attempt));
      }
    }
    throw lastError ?? new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${system} failed`, { system, url });
  }
}

function isRetryable(code: ErrorCode): boolean {
  return code === ErrorCode.UPSTREAM_RATE_LIMITED || code === ErrorCode.UPSTREAM_UNAVAILABLE;
}

function isNetworkError(error: unknown): boolean {
  return error instanceof undiciErrors.UndiciError || (error instanceof Error && 'code' in error);
}

/** Exponential backoff with full jitter; a vendor's Retry-After wins when it gives one. */
function backoff(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
  return Math.random() * 50 * 2 ** attempt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buildUrl(base: string, path: string, query?: Query): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads a `Retry-After` header given in seconds (Shopify sends floats such as "2.0"). */
export function retryAfterSeconds(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Parses an RFC 8288 `Link` header (Shopify paging) into rel → URL. */
export function parseLinkHeader(header: string | string[] | undefined): Record<string, string> {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const links: Record<string, string> = {};
  for (const part of value.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[1] && match[2]) links[match[2]] = match[1];
  }
  return links;
}
