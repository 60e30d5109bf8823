import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import type { GraphQLParams } from '../../../lib/http-graphql.ts';
import { registry } from '../../../lib/metrics.ts';
import { analyzeStructure, checkCost } from './analyze.ts';
import { sizeKey } from './cost.ts';
import { requiresWeights } from './planning.ts';
import type { LimitsConfig } from './config.ts';

const refusals = new Counter({
  name: 'omnigraph_gateway_operations_refused_total',
  help: 'Operations the gateway refused before validation and planning, by error code',
  labelNames: ['code'] as const,
  registers: [registry],
});

/** What is known about one document text; kept per text so repeated operations cost a map lookup. */
interface Verdict {
  error?: GraphQLError;
  document?: DocumentNode;
  /** Variables the cost estimate reads; costs are kept per their values. */
  sizeVariables?: string[];
  costs?: Map<string, GraphQLError | null>;
}

/** Cost verdicts kept per document for distinct list-size variable values. */
const COSTS_PER_DOCUMENT = 64;

/**
 * The operation limits as a request guard (lib/http-graphql.ts): runs before Apollo parses,
 * validates or plans, over the API schema that the `plugin` picks up when the gateway loads it.
 */
export function createOperationLimits(limits: LimitsConfig) {
  let schema: GraphQLSchema | undefined;
  let requires: ReadonlyMap<string, number> = new Map();
  const verdicts = new LRUCache<string, Verdict>({
    max: limits.LIMIT_VERDICT_CACHE_SIZE,
    // Texts up to the body limit are keys: bound the bytes held, not only the entries.
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (_verdict, text) => Math.max(1, text.length * 4),
  });
  let hits = 0;
  let misses = 0;

  const refuse = (error: GraphQLError) => {
    refusals.inc({ code: String(error.extensions.code) });
    return error;
  };

  const guard = (params: GraphQLParams): GraphQLParams | GraphQLError => {
    const source = params.query;
    // No text (a batched array element, a hash Apollo will answer for): Apollo refuses it itself.
    if (typeof source !== 'string' || !schema) return params;
    let verdict = verdicts.get(source);
    if (verdict) hits++;
    else {
      misses++;
      const structure = analyzeStructure(schema, source, limits, requires);
      verdict = structure.ok === true ? { document: structure.document, costs: new Map() } : structure.ok === false ? { error: structure.error } : {};
      // A text over the size limit is refused in O(1) and not worth a cache slot.
      if (source.length <= limits.LIMIT_MAX_DOCUMENT_BYTES) verdicts.set(source, verdict);
    }
    if (verdict.error) return refuse(verdict.error);
    if (!verdict.document || !verdict.costs) return params; // unparsable: Apollo answers GRAPHQL_PARSE_FAILED
    const variables = typeof params.variables === 'object' && params.variables !== null ? (params.variables as Record<string, unknown>) : undefined;
    const key = verdict.sizeVariables ? sizeKey(verdict.sizeVariables, variables) : undefined;
    let costError = key !== undefined ? verdict.costs.get(key) : undefined;
    if (costError === undefined) {
      const checked = checkCost(schema, verdict.document, variables, limits);
      verdict.sizeVariables ??= checked.sizeVariables;
      if (verdict.costs.size >= COSTS_PER_DOCUMENT) verdict.costs.clear();
      costError = checked.error ?? null;
      verdict.costs.set(sizeKey(checked.sizeVariables, variables), costError);
    }
    return costError ? refuse(costError) : params;
  };

  const plugin: ApolloServerPlugin<BaseContext> = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema, coreSupergraphSdl }) {
          schema = apiSchema;
          requires = coreSupergraphSdl ? requiresWeights(coreSupergraphSdl) : new Map();
          verdicts.clear();
        },
      };
    },
  };

  return { guard, plugin, stats: () => ({ hits, misses, size: verdicts.size }) };
}
