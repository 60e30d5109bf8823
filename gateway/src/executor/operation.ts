import { Kind, typeFromAST, valueFromAST, visit } from './graphql.ts';
import type { DocumentNode, FragmentDefinitionNode, GraphQLInputType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { QueryPlan, QueryPlanner } from '@apollo/query-planner';
import { unsupported } from './errors.ts';
import { compileShape, type ShapeProgram } from './shape.ts';

/**
 * Everything about one operation that does not depend on the request's variables, built
 * once and kept in the plan cache: the query plan (from the same QueryPlanner over the same
 * Supergraph as @apollo/gateway, so plans are identical), the compiled response shape, and
 * the declared variable defaults used by @skip/@include and Condition nodes.
 */
export interface PreparedOperation {
  plan: QueryPlan;
  shape: ShapeProgram;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  variableDefaults: Record<string, unknown>;
}

export interface PlanningContext {
  apiSchema: Schema;
  graphqlSchema: GraphQLSchema;
  queryPlanner: QueryPlanner;
}

// Same switches @apollo/gateway reads for the planner's security limits.
const recursiveSelectionsLimitDisabled = process.env.APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK === 'true';
const nonLocalSelectionsLimitDisabled = process.env.APOLLO_DISABLE_SECURITY_NON_LOCAL_SELECTIONS_CHECK === 'true';

export function prepareOperation(ctx: PlanningContext, document: DocumentNode, operationName: string | undefined): PreparedOperation {
  let operation: OperationDefinitionNode | undefined;
  const fragments: FragmentDefinitionNode[] = [];
  const fragmentsByName: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) {
      if (!operationName || def.name?.value === operationName) operation ??= def;
    } else if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.push(def);
      fragmentsByName[def.name.value] = def;
    }
  }
  if (!operation) throw unsupported(operationName ? `Unknown operation named "${operationName}".` : 'Must provide an operation.');
  if (operation.operation === 'subscription') {
    throw unsupported('Subscriptions are not supported by the Omnigraph gateway (nor by @apollo/gateway).');
  }
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        throw unsupported(`@${node.name.value} is not supported by the Omnigraph gateway (nor by @apollo/gateway).`);
      }
    },
  });

  const variableDefaults: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    if (!def.defaultValue) continue;
    const type = typeFromAST(ctx.graphqlSchema, def.type) as GraphQLInputType | undefined;
    if (type) variableDefaults[def.variable.name.value] = valueFromAST(def.defaultValue, type);
  }

  const fedOperation = operationFromDocument(ctx.apiSchema, document, { operationName });
  const plan = ctx.queryPlanner.buildQueryPlan(fedOperation, { recursiveSelectionsLimitDisabled, nonLocalSelectionsLimitDisabled });
  const shape = compileShape(ctx.graphqlSchema, operation, fragmentsByName, variableDefaults);
  return { plan, shape, operation, fragments, variableDefaults };
}
