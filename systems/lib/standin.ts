import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { announceReady, closeOnSignal } from '../../lib/announce.ts';

/**
 * The common body of every stand-in system: vendor-style auth, throttling and error
 * bodies (supplied by each system), plus the switches tests and benchmarks need:
 * added latency, an error rate, "down", and a request counter, settable at start through
 * the environment and at run time through `/__admin`.
 */
export interface Faults {
  /** Added to every vendor call, like a SaaS API's own latency. */
  latencyMs: number;
  /** Fraction (0..1) of vendor calls that fail with the vendor's 5xx body. */
  errorRate: number;
  /** Every vendor call fails with 503, as a system in an outage. */
  down: boolean;
  /** Token bucket: sustained requests per second (0 = no limit) and burst size. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /**
   * A write is carried out, then its answer is held back this long (0 = off): the "timed out after
   * the vendor had written" case a connector's retry must survive without making a second record.
   */
  slowWriteMs: number;
}

export interface VendorSignals {
  /** Checks the vendor's credential (bearer token, API key header). */
  authorized(req: FastifyRequest): boolean;
  unauthorized(reply: FastifyReply): FastifyReply;
  /** Answers with the vendor's throttling signal (429 + Retry-After, or Meta's 400 code 613). */
  throttled(reply: FastifyReply, retryAfterSeconds: number): FastifyReply;
  /** Answers with the vendor's server-error envelope. */
  failure(reply: FastifyReply, status: number): FastifyReply;
  /** Answers with the vendor's not-found envelope for unknown routes. */
  notFound(reply: FastifyReply): FastifyReply;
}

export interface Standin {
  app: FastifyInstance;
  faults: Faults;
  /** Vendor calls served since the last reset, by `METHOD /route/pattern`. */
  stats(): { total: number; byRoute: Record<string, number> };
  resetStats(): void;
  /**
   * Calls `listener` after each vendor call is answered (not `/__admin` or `/health`), with the
   * parsed request: test/helpers/vendor-routes.ts records what a connector sends this way.
   */
  onVendorRequest(listener: (req: FastifyRequest) => void): () => void;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): Faults {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`Invalid configuration: ${name} must be a non-negative number`);
    return value;
  };
  return {
    latencyMs: num('STANDIN_LATENCY_MS', 0),
    errorRate: num('STANDIN_ERROR_RATE', 0),
    down: env.STANDIN_DOWN === 'true' || env.STANDIN_DOWN === '1',
    rateLimitPerSecond: num('STANDIN_RATE_LIMIT', 0),
    rateLimitBurst: num('STANDIN_RATE_BURST', 40),
    slowWriteMs: num('STANDIN_SLOW_WRITE_MS', 0),
  };
}

export function createStandin(system: string, signals: VendorSignals, faults: Faults = faultsFromEnv()): Standin {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  let byRoute: Record<string, number> = {};
  let total = 0;
  let tokens = faults.rateLimitBurst;
  let refilledAt = Date.now();

  const takeToken = (): number => {
    if (faults.rateLimitPerSecond <= 0) return 0;
    const now = Date.now();
    tokens = Math.min(faults.rateLimitBurst, tokens + ((now - refilledAt) / 1000) * faults.rateLimitPerSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (1 - tokens) / faults.rateLimitPerSecond;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/__admin')) return;
    const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    total += 1;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.down) return signals.failure(reply, 503);
    if (!signals.authorized(req)) return signals.unauthorized(reply);
    const wait = takeToken();
    if (wait > 0) return signals.throttled(reply, Math.max(1, Math.ceil(wait)));
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) return signals.failure(reply, 500);
  });

  // After the handler wrote: the answer (not the write) is late.
  app.addHook('onSend', async (req, _reply, payload) => {
    if (faults.slowWriteMs > 0 && isWrite(req)) await new Promise((resolve) => setTimeout(resolve, faults.slowWriteMs));
    return payload;
  });

  const listeners = new Set<(req: FastifyRequest) => void>();
  app.addHook('onResponse', async (req) => {
    if (req.url.startsWith('/__admin') || req.url === '/health' || listeners.size === 0) return;
    for (const listener of listeners) listener(req);
  });

  app.get('/__admin/state', async () => ({ system, faults, requests: { total, byRoute } }));
  app.put<{ Body: Partial<Faults> }>('/__admin/faults', async (req) => {
    for (const key of Object.keys(faults) as (keyof Faults)[]) {
      const value = req.body?.[key];
      if (value !== undefined) (faults as unknown as Record<string, unknown>)[key] = value;
    }
    tokens = faults.rateLimitBurst;
    return { system, faults };
  });
  app.post('/__admin/reset', async () => {
    byRoute = {};
    total = 0;
    return { system, requests: { total, byRoute } };
  });
  app.get('/health', async () => ({ status: 'ok', system }));
  app.setNotFoundHandler((_req, reply) => signals.notFound(reply));

  return {
    app,
    faults,
    stats: () => ({ total, byRoute: { ...byRoute } }),
    resetStats: () => {
      byRoute = {};
      total = 0;
    },
    onVendorRequest: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Vendor writes: anything but GET, the POST reads (search, batch read) and GraphQL queries. */
function isWrite(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.url.startsWith('/__admin')) return false;
  const path = req.url.split('?')[0] ?? '';
  // Square's POST reads (…/batch-retrieve, bulk-retrieve) and Graph's batch of GETs (`POST /`, `POST /v21.0/`) write nothing.
  if (/\/(search|batch\/read|batch-retrieve|bulk-retrieve|batch-retrieve-counts)$/.test(path) || /^\/(v\d+\.\d+)?\/?$/.test(path)) return false;
  if (path.endsWith('/graphql.json')) {
    const query = (req.body as { query?: unknown } | null)?.query;
    return typeof query === 'string' && /^\s*mutation\b/.test(query);
  }
  return true;
}

/** Listens (port 0 in tests) and returns the base URL. */
export async function listenStandin(standin: Standin, port: number, host = '127.0.0.1'): Promise<string> {
  await standin.app.listen({ port, host });
  const address = standin.app.server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
}

/** A stand-in's `index.ts`: listen, announce the URL to a launcher, close on Ctrl-C. */
export function runStandin(name: string, standin: Standin, port: number): void {
  listenStandin(standin, port).then(
    (url) => {
      process.stdout.write(`${JSON.stringify({ level: 30, service: `system-${name}`, url, msg: 'stand-in listening' })}\n`);
      announceReady(`system-${name}`, url);
      closeOnSignal(() => standin.app.close());
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
