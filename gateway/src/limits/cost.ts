import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { Kind, getNamedType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType } from './graphql.ts';

/**
 * What no library covers for a federated graph: how big an operation is once its fragments
 * are spread (the "fragment bomb": 10 fragments of 10 spreads each is 950 bytes of text and
 * 10^10 fields), and what it costs once list sizes multiply.
 *
 * Both walks are memoised per fragment, so they are linear in the document whatever it
 * expands to, and cycle-safe (a fragment on the current path counts 0; validation's
 * NoFragmentCycles refuses it later with its own message).
 */

/** Numbers past this are "too many" whatever the limit; keeps sums finite. */
const CEILING = 1e15;
const clamp = (n: number) => (n > CEILING ? CEILING : n);

const fragmentsOf = (document: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
};
const operationsOf = (document: DocumentNode) =>
  document.definitions.filter((def): def is OperationDefinitionNode => def.kind === Kind.OPERATION_DEFINITION);

/** Field selections in the largest operation of the document with every fragment spread in place. */
export function expandedSelections(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const onPath = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) total += 1 + (sel.selectionSet ? count(sel.selectionSet) : 0);
      else if (sel.kind === Kind.INLINE_FRAGMENT) total += count(sel.selectionSet);
      else total += spread(sel.name.value);
      if (total > CEILING) return CEILING;
    }
    return total;
  };
  const spread = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || onPath.has(name)) return 0;
    onPath.add(name);
    const n = count(fragment.selectionSet);
    onPath.delete(name);
    memo.set(name, n);
    return n;
  };
  let max = 0;
  for (const op of operationsOf(document)) max = Math.max(max, count(op.selectionSet));
  return max;
}

export interface CostOptions {
  /** Items assumed for a list field whose size no argument or default states. */
  defaultListSize: number;
}

export interface CostEstimate {
  /** Largest estimate over the document's operations. */
  cost: number;
  /** Variables the estimate read (list sizes): the verdict cache keys on their values. */
  sizeVariables: string[];
}

/** Arguments that say how many items a field returns (Relay's first/last, and the usual `limit`). */
const SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;

/**
 * A cost estimate over the API schema: every field costs 1, and what is under a list costs
 * once per item. The item count is the field's `first`/`last`/`limit` argument (a literal, the
 * request's variable, the variable's declared default, or the schema's default for the
 * argument), else `defaultListSize`. On a connection (`customers(first: 20) { edges {...} }`)
 * the size applies to the first list beneath it (`edges`, `nodes`), not twice.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  options: CostOptions,
): CostEstimate {
  const fragments = fragmentsOf(document);
  const sizeVariables = new Set<string>();
  let max = 0;
  for (const op of operationsOf(document)) {
    const rootType = schema.getRootType(op.operation);
    if (!rootType) continue;
    const declaredDefaults = new Map<string, ValueNode>();
    for (const def of op.variableDefinitions ?? []) if (def.defaultValue) declaredDefaults.set(def.variable.name.value, def.defaultValue);

    const sizeOf = (field: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | undefined => {
      for (const name of SIZE_ARGUMENTS) {
        const given = args?.find((a) => a.name.value === name)?.value;
        const schemaDefault = field.args.find((a) => a.name === name)?.defaultValue;
        const fallback = typeof schemaDefault === 'number' ? schemaDefault : undefined;
        if (!given) {
          if (fallback !== undefined) return fallback;
          continue;
        }
        if (given.kind === Kind.INT) return Number(given.value);
        if (given.kind !== Kind.VARIABLE) return fallback; // null or a wrong literal: validation refuses it
        const variable = given.name.value;
        sizeVariables.add(variable);
        const value = variables?.[variable];
        if (typeof value === 'number' && Number.isFinite(value)) return value;
        const declared = declaredDefaults.get(variable);
        if (declared?.kind === Kind.INT) return Number(declared.value);
        // An unset variable leaves the argument to its schema default.
        return fallback;
      }
      return undefined;
    };

    // Memo per (fragment, pending size): a fragment right under a connection sees the page size.
    const memo = new Map<string, number>();
    const onPath = new Set<string>();
    const costOfSet = (set: SelectionSetNode, parent: GraphQLCompositeType, pending: number | undefined): number => {
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) total += costOfField(sel.name.value, sel.arguments, sel.selectionSet, parent, pending);
        else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
          if (type && isCompositeType(type)) total += costOfSet(sel.selectionSet, type, pending);
        } else {
          const name = sel.name.value;
          const key = `${name}\0${pending ?? ''}`;
          const known = memo.get(key);
          if (known !== undefined) total += known;
          else {
            const fragment = fragments.get(name);
            const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
            if (fragment && type && isCompositeType(type) && !onPath.has(name)) {
              onPath.add(name);
              const n = costOfSet(fragment.selectionSet, type, pending);
              onPath.delete(name);
              memo.set(key, n);
              total += n;
            }
          }
        }
        if (total > CEILING) return CEILING;
      }
      return total;
    };
    const costOfField = (
      name: string,
      args: readonly { name: { value: string }; value: ValueNode }[] | undefined,
      selectionSet: SelectionSetNode | undefined,
      parent: GraphQLCompositeType,
      pending: number | undefined,
    ): number => {
      // Introspection is answered from the schema in the gateway, without subgraph calls.
      if (name === '__typename' || name === '__schema' || name === '__type') return 1;
      if (!isObjectType(parent) && !isInterfaceType(parent)) return 1;
      const field = parent.getFields()[name];
      if (!field) return 1; // validation reports the unknown field
      const own = sizeOf(field, args);
      const list = isList(field.type);
      if (!selectionSet) return list ? Math.max(own ?? pending ?? 1, 1) : 1;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) return 1;
      if (list) {
        const items = Math.max(own ?? pending ?? options.defaultListSize, 0);
        return clamp(1 + items * costOfSet(selectionSet, named, undefined));
      }
      // A sized field that is not itself a list (a connection) hands its size to its list children.
      return clamp(1 + costOfSet(selectionSet, named, own));
    };
    max = Math.max(max, costOfSet(op.selectionSet, rootType, undefined));
  }
  return { cost: max, sizeVariables: [...sizeVariables].sort() };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The values of the size variables, as one cache key. */
export function sizeKey(sizeVariables: readonly string[], variables: Readonly<Record<string, unknown>> | undefined): string {
  if (sizeVariables.length === 0) return '';
  return sizeVariables.map((name) => JSON.stringify(variables?.[name] ?? null)).join(',');
}
