import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import { createFormatError } from './errors.ts';
import { loadSubgraphTypeDefs } from './schema-sources.ts';
import { graphqlHandler, requestIdOf, sendJson } from './http-graphql.ts';
import { IDENTITY_FEED_PATH, type SourceRecordPage } from './identity-feed.ts';
import { createLogger, type Logger } from './logger.ts';
import { registry } from './metrics.ts';
import { AuthorizationAnalyzer, applyMask, assertAllowed, InternalAuthError, policyOf, processInternalKey, seesRawPii, verifyInternalToken, type Decision, type InternalCaller, type InternalKey } from './authorization/index.ts';
import { ErrorCode } from './errors.ts';

export interface RequestInfo {
  requestId: string;
  headers: IncomingHttpHeaders;
  logger: Logger;
  /** Who the call is for, from the verified internal token: the only source of actor and roles. */
  caller: InternalCaller;
}

/**
 * What a subgraph provides. Every subgraph's `server.ts` builds one of these; this module
 * turns it into an HTTP server with the same routes everywhere:
 *   POST /graphql            the subgraph (Federation 2)
 *   GET  /health             liveness (the process answers)
 *   GET  /metrics            Prometheus metrics, including upstream call counts
 *   GET  /_identity/records  the identity feed (channel subgraphs only): ?limit=&after=&since=
 * /graphql and the feed answer only internal calls signed with the deployment's key for this
 * subgraph (lib/authorization/internal-token.ts): 401 otherwise. Every operation is checked
 * against the `@requiresRole` declarations of this subgraph's own schema (the gateway checks
 * the same declarations first), and its `@pii` fields are masked for callers without a raw-PII
 * role, as the gateway masks them. /health, /metrics and `routes` (vendor webhooks, with their
 * own signatures) stay open.
 */
export interface SubgraphDefinition<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Codegen-typed resolvers (`Resolvers` from the subgraph's generated types). */
  resolvers: object;
  createContext(info: RequestInfo): TContext | Promise<TContext>;
  /** `since`: only records updated at or after it (the hub's incremental sync); null: every record. */
  identityFeed?: (args: { after: string | null; limit: number; since?: Date | null; info: RequestInfo }) => Promise<SourceRecordPage>;
  /**
   * Extra HTTP routes beside /graphql (webhook receivers of the flows subgraph). Returns
   * true when it handled the request.
   */
  routes?: (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<boolean>;
  /** Closes what the subgraph holds (database pools); called on shutdown. */
  close?: () => Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A subgraph's schema.graphql, with the shared timeline vocabulary when it uses it (lib/schema-sources.ts). */
export function loadSchema(schemaUrl: URL): DocumentNode {
  return loadSubgraphTypeDefs(schemaUrl);
}

export async function startSubgraph<TContext extends BaseContext>(
  def: SubgraphDefinition<TContext>,
  opts: { port: number; host?: string; logger?: Logger; internalKey?: InternalKey },
): Promise<RunningSubgraph> {
  const logger = opts.logger ?? createLogger(`subgraph-${def.name}`);
  // Fails the start without a key, or with a development key in the production configuration.
  const internalKey = opts.internalKey ?? processInternalKey();
  const schema = buildSubgraphSchema({ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> });
  const analyzer = new AuthorizationAnalyzer(schema, policyOf(def.typeDefs));
  // On the context under a symbol: Apollo Server hands plugins a shallow copy of the context object.
  const CALLER = Symbol('omnigraph.caller');
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // No Apollo Studio here: inline (ftv1) traces would only cost time on every request.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ contextValue }) {
          const roles = (contextValue as { [CALLER]?: InternalCaller })[CALLER]?.roles ?? [];
          let decision: Decision | undefined;
          return {
            async didResolveOperation({ document, operationName, request }) {
              decision = analyzer.decide(document, operationName, roles);
              assertAllowed(decision, request.variables);
            },
            // The same masking as the gateway's, so the rule holds for any signed caller; masking
            // twice gives the same value. The audit log is the gateway's (it knows the operation).
            async willSendResponse({ response }) {
              const tree = decision?.shape.pii;
              if (!tree || seesRawPii(roles) || response.body.kind !== 'single' || !response.body.singleResult.data) return;
              applyMask(tree, response.body.singleResult.data, true);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const infoFor = (headers: IncomingHttpHeaders, requestId: string, caller: InternalCaller): RequestInfo => ({
    requestId,
    headers,
    logger: logger.child({ requestId }),
    caller,
  });
  const verified = new WeakMap<IncomingMessage, InternalCaller>();
  const graphql = graphqlHandler(apollo, async ({ req, requestId }) => {
    const caller = verified.get(req) as InternalCaller;
    const context = await def.createContext(infoFor(req.headers, requestId, caller));
    Object.defineProperty(context, CALLER, { value: caller, enumerable: true });
    return context;
  });
  /** The verified caller, or a 401 answered (and null). */
  const authenticate = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<InternalCaller | null> => {
    try {
      const caller = await verifyInternalToken(internalKey, def.name, req.headers);
      verified.set(req, caller);
      return caller;
    } catch (error) {
      if (!(error instanceof InternalAuthError)) throw error;
      logger.warn({ requestId, path: req.url, reason: error.message }, 'internal call refused');
      sendJson(res, 401, { errors: [{ message: `${def.name} answers only calls signed by the gateway or another Omnigraph service`, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      return null;
    }
  };

  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/graphql') {
        if (!(await authenticate(req, res, requestId))) return;
        return graphql(req, res, requestId);
      }
      if (path === '/health') return sendJson(res, 200, { status: 'ok', subgraph: def.name });
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      if (path === IDENTITY_FEED_PATH && def.identityFeed && req.method === 'GET') {
        const caller = await authenticate(req, res, requestId);
        if (!caller) return;
        const url = new URL(req.url ?? '/', 'http://localhost');
        const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 500) || 500, 1), 1000);
        const sinceRaw = url.searchParams.get('since');
        const since = sinceRaw === null ? null : new Date(sinceRaw);
        if (since && Number.isNaN(since.getTime())) return sendJson(res, 400, { error: 'BAD_USER_INPUT: since must be an ISO 8601 date-time' });
        const page = await def.identityFeed({ after: url.searchParams.get('after'), limit, since, info: infoFor(req.headers, requestId, caller) });
        return sendJson(res, 200, page);
      }
      if (def.routes && (await def.routes(req, res, infoFor(req.headers, requestId, { actor: 'webhook', roles: [], requestId, issuer: 'vendor' })))) return;
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      logger.error({ err: error, requestId, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 502, { error: 'upstream failure', requestId });
      else res.end();
    });
  });
  // Keep-alive from the gateway: idle sockets must outlive the gateway's pool timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');

  return {
    url,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      await def.close?.();
    },
  };
}
