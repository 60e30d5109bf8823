import { GraphQLError, Kind, executeSync, getVariableValues } from './graphql.ts';
import type { DocumentNode, FieldNode, GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from '@apollo/server-gateway-interface';
import type { Dispatcher } from 'undici';
import type { EntityBatching } from './batch.ts';
import { runNode, type RunContext } from './execute.ts';
import { TypeMatcher } from './merge.ts';
import { prepareOperation, type PlanningContext, type PreparedOperation } from './operation.ts';
import { PlanCache } from './plan-cache.ts';
import { SchemaIndex, computeResponse } from './shape.ts';
import { createSubgraphClient, type ForwardHeaders, type SubgraphClient } from './transport.ts';

/**
 * Omnigraph's federation gateway: a drop-in `GatewayInterface` for `new ApolloServer({ gateway })`.
 * Planning is @apollo/query-planner's, configured exactly as @apollo/gateway configures it;
 * what differs is everything after the plan, where the profile of @apollo/gateway spent its
 * time: per-node tracing objects, make-fetch-happen, rebuilding the operation per request
 * and walking it to shape the response (see the module comments).
 */

export interface OmnigraphGatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL; names missing here use the URL in the supergraph. */
  subgraphUrls?: Readonly<Record<string, string>>;
  /** Shared undici keep-alive pool; the gateway makes (and closes) its own when absent. */
  dispatcher?: Dispatcher;
  /** Time budget per subgraph call. */
  timeoutMs?: number;
  logger?: { debug(...args: unknown[]): void; info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void };
  /** Operations whose plans are kept (least recently used evicted first). */
  planCacheSize?: number;
  /**
   * `_entities` fetches of one operation to the same subgraph that are ready together go as
   * one request (batch.ts): `tick` merges those made ready by the same event, `immediate`
   * also those made ready in the same event-loop turn, `off` sends each on its own.
   * Default: `tick` (the gateway passes its ENTITY_BATCHING setting).
   */
  entityBatching?: EntityBatching;
}

const BATCHING_MODES: readonly EntityBatching[] = ['off', 'tick', 'immediate'];

function batchingMode(option: EntityBatching | undefined): EntityBatching {
  const mode = option ?? 'tick';
  if (!BATCHING_MODES.includes(mode as EntityBatching)) throw new Error(`entityBatching must be one of ${BATCHING_MODES.join(', ')}, not "${mode}"`);
  return mode as EntityBatching;
}

interface RequestContextValue {
  requestId?: unknown;
  /** Set by Omnigraph's gateway server: request id and the verified caller, for subgraphs. */
  subgraphHeaders?: ForwardHeaders;
}

export class OmnigraphGateway implements GatewayInterface {
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly planCache: PlanCache<PreparedOperation>;
  private planning!: PlanningContext;
  private schema!: GraphQLSchema;
  private types!: TypeMatcher;
  private subtypes!: SchemaIndex;
  private client: SubgraphClient | undefined;
  private readonly batching: EntityBatching;
  private readonly batches = { batched: 0, parts: 0 };

  constructor(private readonly options: OmnigraphGatewayOptions) {
    this.planCache = new PlanCache(options.planCacheSize ?? 1000);
    this.batching = batchingMode(options.entityBatching);
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    const { supergraphSdl } = this.options;
    // As ApolloGateway.createSchemaFromSupergraphSdl: validate outside production.
    const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: process.env.NODE_ENV !== 'production' });
    const apiSchema = supergraph.apiSchema();
    this.schema = apiSchema.toGraphQLJSSchema();
    this.planning = { apiSchema, graphqlSchema: this.schema, queryPlanner: new QueryPlanner(supergraph) };
    this.types = new TypeMatcher(supergraph.schema.toGraphQLJSSchema());
    this.subtypes = new SchemaIndex(this.schema);
    const urls: Record<string, string> = {};
    for (const { name, url } of supergraph.subgraphsMetadata()) urls[name] = this.options.subgraphUrls?.[name] ?? url;
    this.client = createSubgraphClient({ subgraphUrls: urls, dispatcher: this.options.dispatcher, timeoutMs: this.options.timeoutMs ?? 10_000 });
    this.planCache.clear();
    for (const listener of this.listeners) listener({ apiSchema: this.schema, coreSupergraphSdl: supergraphSdl });
    this.options.logger?.info({ subgraphs: urls }, 'omnigraph executor loaded the supergraph');
    return { executor: this.executor };
  }

  async stop(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  /** Plan cache counters, for tests and metrics. */
  planCacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.planCache.hits, misses: this.planCache.misses, size: this.planCache.size };
  }

  /** Entity batching: its mode, merged requests sent, and entity fetches that went through the queues. */
  batchStats(): { mode: EntityBatching; batched: number; parts: number } {
    return { mode: this.batching, ...this.batches };
  }

  private prepared(document: DocumentNode, queryHash: string, operationName: string | undefined): PreparedOperation {
    const key = operationName ? queryHash + '\0' + operationName : queryHash;
    let prepared = this.planCache.get(key);
    if (!prepared) {
      prepared = prepareOperation(this.planning, document, operationName);
      this.planCache.set(key, prepared);
    }
    return prepared;
  }

  readonly executor: GatewayExecutor = async (requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const { request, document, queryHash } = requestContext;
    const prepared = this.prepared(document, queryHash, request.operationName ?? undefined);
    const variables = request.variables;

    // ApolloGateway.validateIncomingRequest: coerce the variables, report, do not execute.
    const definitions = prepared.operation.variableDefinitions;
    if (definitions && definitions.length > 0) {
      const { errors } = getVariableValues(requestContext.schema, definitions, variables ?? {});
      if (errors) return { errors };
    }

    const client = this.client;
    if (!client) throw new Error('The Omnigraph gateway is not loaded (or was stopped)');
    const context = requestContext.context as RequestContextValue | undefined;
    const requestId = context?.requestId;
    const root: Record<string, unknown> = {};
    const forwardHeaders = context?.subgraphHeaders ?? (typeof requestId === 'string' ? { 'x-request-id': requestId } : undefined);
    const ctx: RunContext = {
      client,
      types: this.types,
      variables,
      variableDefaults: prepared.variableDefaults,
      forwardHeaders,
      errors: [],
      inflight: new Map(),
      batch: this.batching === 'off' ? undefined : { mode: this.batching, client, headers: forwardHeaders, pending: new Map(), stats: this.batches },
      root,
    };
    const node = prepared.plan.node;
    if (node) {
      if (node.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
      await runNode(ctx, node, [], root);
    }

    const errors = ctx.errors.map(toGraphQLError);
    let shaped: ReturnType<typeof computeResponse>;
    try {
      shaped = computeResponse(prepared.shape, root, this.schema, this.subtypes, variables, (field) =>
        this.introspect(requestContext.schema, prepared, field, variables),
      );
    } catch (error) {
      return { errors: [toGraphQLError(error)] };
    }
    // As executeQueryPlan: value-completion problems are reported only when nothing else failed.
    if (errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
  };

  /** `__schema` / `__type` are answered from the API schema by graphql-js, as @apollo/gateway does. */
  private introspect(schema: GraphQLSchema, prepared: PreparedOperation, field: FieldNode, variables: Record<string, unknown> | undefined): unknown {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [
        { ...prepared.operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
        ...prepared.fragments,
      ],
    };
    const result = executeSync({ schema, document, rootValue: {}, variableValues: variables });
    return (result.data as Record<string, unknown> | null | undefined)?.[field.alias?.value ?? field.name.value];
  }
}

function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const e = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(e.message, { originalError: e });
}

export function createOmnigraphGateway(options: OmnigraphGatewayOptions): OmnigraphGateway {
  return new OmnigraphGateway(options);
}
