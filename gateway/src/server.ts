import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Counter, Histogram } from 'prom-client';
import { graphqlHandler, requestIdOf, sendJson } from '../../lib/http-graphql.ts';
import { createLogger, type Logger } from '../../lib/logger.ts';
import { registry } from '../../lib/metrics.ts';
import type { GatewayConfig } from './config.ts';
import { createAuthenticator, subgraphHeadersFor, type Caller } from './auth.ts';
import { createGatewayFormatError } from './errors.ts';
import { explorerPage, serveExplorerAsset, type ExplorerTab } from './explorer.ts';
import { loadExampleOperations, type ExampleOperation } from './example-operations.ts';
import { referenceModel, renderReferenceDocs, type ReferenceModel } from './reference-docs.ts';
import { consoleBuilt, serveConsole } from './console-app.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { authorizationPlugin, supergraphPolicy } from './authorization.ts';
import { createAuditLog, type AuditLog } from '../../lib/authorization/index.ts';
import { createOmnigraphGateway } from './executor/index.ts';
import { createOperationLimits, requestHandling, byteLimits, withOperationDeadline } from './limits/index.ts';
import { createApqCache, createTrustedDocuments } from './trusted-documents.ts';

export interface GatewayContext extends BaseContext {
  requestId: string;
  caller: Caller;
  /** Request id and a token signed for each subgraph carrying the verified caller (auth.ts). */
  subgraphHeaders: (serviceName: string) => Readonly<Record<string, string>>;
}

export interface RunningGateway {
  url: string;
  server: Server;
  /** Subgraph name → URL actually used (supergraph defaults with overrides applied). */
  subgraphs: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const FIRST_QUERY = `# Omnigraph: one Customer graph over CRM, web shop, POS and social messaging.
# Search customers, then open one: every system's records come back in one answer.
# Roles (agent, associate, analyst, steward, admin) decide what you may read raw or masked
# and which mutations you may run: set them in the Headers tab below (README, "Security: roles").
query FirstQuery {
  customers(first: 3) {
    edges {
      node {
        id
        profile { name { value source { system } } }
        links { system externalId rule }
      }
    }
  }
}
`;

/**
 * The explorer's header editor: how to act under a role. Dev mode: name yourself and ask for
 * roles (steward and admin only for a named caller); jwt mode: a bearer token with a `roles` claim.
 */
const explorerHeaders = (config: GatewayConfig, role = 'agent') =>
  config.AUTH_MODE === 'dev'
    ? JSON.stringify({ 'x-omnigraph-actor': 'you@retail.example', 'x-omnigraph-roles': role }, null, 2)
    : JSON.stringify({ authorization: 'Bearer <a JWT whose roles claim holds agent, associate, analyst, steward or admin>' }, null, 2);

/**
 * One explorer tab per example operation, under a role that may run it: the first role the
 * schema's @requiresRole asks of its root fields (markPickupReady: associate), else agent.
 */
function explorerTabs(config: GatewayConfig, operations: readonly ExampleOperation[], model: ReferenceModel): Map<string, ExplorerTab> {
  const roots = new Map(model.types.filter((t) => t.name === 'Query' || t.name === 'Mutation').map((t) => [t.name === 'Query' ? 'query' : 'mutation', t]));
  const tabs = new Map<string, ExplorerTab>();
  for (const op of operations) {
    const root = roots.get(op.kind);
    const selected = root?.fields.filter((f) => op.rootFields.includes(f.name)) ?? [];
    const role = selected.flatMap((f) => f.roles ?? [])[0] ?? 'agent';
    tabs.set(op.name, { query: op.document, variables: JSON.stringify(op.variables, null, 2), headers: explorerHeaders(config, role) });
  }
  return tabs;
}

/**
 * What the explorer serves, from the supergraph served and the example operations: its tabs (the
 * first query, then one per example, by name for `/?operation=`) and the reference docs page.
 */
function explorerContent(config: GatewayConfig, supergraphSdl: string) {
  const examples = loadExampleOperations();
  const model = referenceModel(supergraphSdl);
  const byName = explorerTabs(config, examples, model);
  const tabs: ExplorerTab[] = [{ query: FIRST_QUERY, headers: explorerHeaders(config) }, ...byName.values()];
  return { tabs, byName, docsPage: renderReferenceDocs(model, examples) };
}

const operations = new Counter({
  name: 'omnigraph_gateway_operations_total',
  help: 'GraphQL operations served by the gateway, by operation name and outcome',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});
const duration = new Histogram({
  name: 'omnigraph_gateway_operation_duration_seconds',
  help: 'Time from request to response, per operation name',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Logs and measures every operation, tagged with the request id the subgraphs also see. */
function observability(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const name = operationName ?? 'anonymous';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (errors?.length ?? 0) + (body?.errors?.length ?? 0) > 0;
          const ms = performance.now() - started;
          operations.inc({ operation: name, outcome: failed ? 'error' : 'ok' });
          duration.observe({ operation: name }, ms / 1000);
          logger.info(
            { requestId: contextValue.requestId, operation: name, ms: Math.round(ms), errors: body?.errors?.map((e) => e.extensions?.code) },
            'operation',
          );
        },
      };
    },
  };
}

export function subgraphUrlsOf(supergraphSdl: string, overrides: Readonly<Record<string, string>>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)) {
    const [, name, url] = match;
    if (name) urls[name] = overrides[name] ?? url ?? '';
  }
  return urls;
}

export interface StartOptions {
  /**
   * Benchmarks only (bench/gateways/omnigraph-unguarded.ts): serve without the operation limits
   * (verdicts, deadline) and the gateway's authorization (role checks, masking, audit), to
   * measure what they cost side by side with the gateway as shipped. No configuration variable
   * reaches it, and it is refused in the production configuration. Subgraphs still check the
   * signed internal token and their own declarations.
   */
  unguardedForBenchmark?: boolean;
}

export async function startGateway(
  config: GatewayConfig,
  logger = createLogger('gateway'),
  audit: AuditLog = createAuditLog({ file: config.AUDIT_LOG_FILE, service: 'gateway' }),
  options: StartOptions = {},
): Promise<RunningGateway> {
  const guarded = !options.unguardedForBenchmark;
  if (!guarded && config.deployment === 'production') throw new Error('Refusing to start a gateway without its limits and authorization in the production configuration (OMNIGRAPH_ENV=production)');
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  // Built once at start, and only when the explorer is served (EXPLORER=true).
  const explorer = config.EXPLORER ? explorerContent(config, supergraphSdl) : undefined;
  const subgraphs = subgraphUrlsOf(supergraphSdl, config.subgraphUrls);
  const { fetcher, close: closeFetcher } = createSubgraphFetcher(config.SUBGRAPH_TIMEOUT_MS);

  // Omnigraph's executor by default (same plans as @apollo/gateway, a faster run of them:
  // see gateway/src/executor); `GATEWAY_EXECUTOR=apollo` falls back to plain @apollo/gateway.
  const gateway =
    config.GATEWAY_EXECUTOR === 'omnigraph'
      ? createOmnigraphGateway({ supergraphSdl, subgraphUrls: subgraphs, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, logger, entityBatching: config.ENTITY_BATCHING })
      : new ApolloGateway({
          supergraphSdl,
          logger,
          buildService: ({ name, url }) =>
            new RemoteGraphQLDataSource<GatewayContext>({
              url: subgraphs[name] ?? url,
              fetcher,
              willSendRequest({ request, context }) {
                for (const [header, value] of Object.entries<string>(context.subgraphHeaders?.(name) ?? {})) request.http?.headers.set(header, value);
              },
            }),
        });

  const operationLimits = createOperationLimits(config.limits);
  const apq = createApqCache();
  const trusted = createTrustedDocuments(config.trustedDocuments, apq);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: guarded ? withOperationDeadline(gateway, config.limits.OPERATION_TIMEOUT_MS) : gateway,
    persistedQueries: { cache: apq },
    validationOptions: { maxErrors: config.limits.LIMIT_MAX_VALIDATION_ERRORS },
    formatError: createGatewayFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.INTROSPECTION,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      observability(logger),
      ...(guarded ? [operationLimits.plugin, authorizationPlugin(supergraphPolicy(supergraphSdl), audit)] : []),
    ],
  });
  await apollo.start();
  const authenticate = createAuthenticator(config);
  const graphql = graphqlHandler(apollo, async ({ req, requestId }) => {
    const caller = await authenticate(req);
    return { requestId, caller, subgraphHeaders: subgraphHeadersFor(config.internalKey, requestId, caller) };
  }, guarded ? requestHandling<GatewayContext>(config.limits, trusted, operationLimits) : byteLimits(config.limits));

  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    const handle = async () => {
      if (explorer && (path === '/' || (path === '/graphql' && wantsHtml))) {
        // `/?operation=CustomerSearch` (the links of /docs) opens that example in the active tab.
        const asked = new URL(req.url ?? '/', 'http://gateway').searchParams.get('operation');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(explorerPage(explorer.tabs, asked ? explorer.byName.get(asked) : undefined));
        return;
      }
      if (explorer && serveExplorerAsset(path, res)) return;
      if (explorer && (path === '/docs' || path === '/docs/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(explorer.docsPage);
        return;
      }
      if (explorer && (path === '/console' || path.startsWith('/console/'))) {
        if (serveConsole(path, res)) return;
        return sendJson(res, 404, { error: consoleBuilt() ? 'not found' : 'the console is not built: `npm run console:build` (npm start builds it)' });
      }
      if (path === '/graphql') return graphql(req, res, requestId);
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (path === '/health/ready') return sendJson(res, ...(await readiness(subgraphs)));
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}/graphql`;
  logger.info({ url, subgraphs }, 'gateway listening');

  return {
    url,
    server,
    subgraphs,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      await closeFetcher();
      audit.flush();
    },
  };
}

/** Ready when every subgraph answers its /health; the body says which do not. */
async function readiness(subgraphs: Record<string, string>): Promise<[number, unknown]> {
  const checks = await Promise.all(
    Object.entries(subgraphs).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2_000) });
        return [name, res.ok ? 'ok' : `status ${res.status}`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  const ok = checks.every(([, state]) => state === 'ok');
  return [ok ? 200 : 503, { status: ok ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks) }];
}
