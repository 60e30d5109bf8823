import type { DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLSchema, SelectionSetNode } from 'graphql';
import { Kind, getNamedType, isCompositeType, isInterfaceType, isObjectType, parse } from './graphql.ts';

/**
 * What makes the query planner slow is not the size of an answer but the joins it must plan:
 * a field with `@requires` makes it fetch the required fields from other subgraphs first, and
 * the journey fields require about sixty fields over four systems each (measured: about 0.1 s
 * of planning per `journey` selection on a loaded 2-core machine, so ten aliased customers with
 * their journeys, orders and insight blocked the event loop for seconds while passing every
 * other limit). The planning weight of an operation is the sum, over its selections (fragments
 * spread, memoised), of 1 + the number of fields each `@requires` names; a field without
 * `@requires` weighs 0.
 */

/** `Type.field` → weight, from the supergraph's `@join__field(requires: "...")`. */
export function requiresWeights(supergraphSdl: string): Map<string, number> {
  const weights = new Map<string, number>();
  const document = parse(supergraphSdl);
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      let weight = 0;
      for (const directive of field.directives ?? []) {
        if (directive.name.value !== 'join__field') continue;
        const requires = directive.arguments?.find((a) => a.name.value === 'requires')?.value;
        if (requires?.kind === Kind.STRING) weight = Math.max(weight, 1 + (requires.value.match(/[_A-Za-z][_0-9A-Za-z]*/g)?.length ?? 0));
      }
      if (weight > 0) weights.set(`${def.name.value}.${field.name.value}`, weight);
    }
  }
  return weights;
}

/** The largest planning weight over the document's operations. */
export function planningWeight(schema: GraphQLSchema, document: DocumentNode, weights: ReadonlyMap<string, number>): number {
  if (weights.size === 0) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, number>();
  const onPath = new Set<string>();
  const weigh = (set: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[sel.name.value];
        if (!field) continue;
        total += weights.get(`${parent.name}.${field.name}`) ?? 0;
        const named = getNamedType(field.type);
        if (sel.selectionSet && isCompositeType(named)) total += weigh(sel.selectionSet, named);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += weigh(sel.selectionSet, type);
      } else {
        const name = sel.name.value;
        const known = memo.get(name);
        if (known !== undefined) total += known;
        else {
          const fragment = fragments.get(name);
          const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          if (fragment && type && isCompositeType(type) && !onPath.has(name)) {
            onPath.add(name);
            const n = weigh(fragment.selectionSet, type);
            onPath.delete(name);
            memo.set(name, n);
            total += n;
          }
        }
      }
      if (total > 1e15) return 1e15;
    }
    return total;
  };
  let max = 0;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(def.operation);
    if (root) max = Math.max(max, weigh(def.selectionSet, root));
  }
  return max;
}
