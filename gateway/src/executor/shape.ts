import { GraphQLError, Kind, getNamedType, isAbstractType, isCompositeType, isEnumType, isInterfaceType, isListType, isNonNullType, isObjectType } from './graphql.ts';
import type { FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLEnumType, GraphQLNamedType, GraphQLOutputType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';
import { unsupported } from './errors.ts';

/**
 * Final response shaping: the same algorithm as @apollo/gateway's `computeResponse`
 * (resultShaping.js), so data, null propagation and value-completion errors match it
 * exactly. The difference is where the work happens. Apollo walks the federation-internals
 * `Operation` it rebuilds on every request (`operationFromDocument` in executeQueryPlan),
 * looking up directives and types per selection; here the operation is compiled once per
 * cached plan into plain objects, and per request only the data is walked.
 */

/**
 * An output type compiled to plain objects, so the per-value walk never calls graphql-js'
 * `isNonNullType`/`isListType`/... (each an `instanceof` check that, outside production,
 * also guards against duplicate graphql modules and showed in the profile).
 */
export type TypeRef =
  | { k: 0; of: TypeRef; text: string } // non-null
  | { k: 1; of: TypeRef; text: string } // list
  | { k: 2; type: GraphQLNamedType; text: string } // object, interface or union
  | { k: 3; leaf: LeafKind; enumType: GraphQLEnumType | undefined; text: string };

/** How federation-internals' isValidLeafValue judges a leaf: custom scalars accept anything. */
const enum LeafKind {
  Custom,
  Boolean,
  Int,
  Id,
  Float,
  String,
  Enum,
}

function compileType(type: GraphQLOutputType): TypeRef {
  const text = String(type);
  if (isNonNullType(type)) return { k: 0, of: compileType(type.ofType), text };
  if (isListType(type)) return { k: 1, of: compileType(type.ofType), text };
  if (isCompositeType(type)) return { k: 2, type, text };
  if (isEnumType(type)) return { k: 3, leaf: LeafKind.Enum, enumType: type, text };
  const name = (type as GraphQLNamedType).name;
  const leaf =
    name === 'Boolean' ? LeafKind.Boolean : name === 'Int' ? LeafKind.Int : name === 'ID' ? LeafKind.Id : name === 'Float' ? LeafKind.Float : name === 'String' ? LeafKind.String : LeafKind.Custom;
  return { k: 3, leaf, enumType: undefined, text };
}

/** `@skip`/`@include` argument: a constant was folded at compile time; a string names a variable. */
type Condition = string | undefined;

export interface ShapeField {
  kind: 0;
  responseName: string;
  /** The response name is also a key of Object.prototype, so reads must check own properties. */
  protoKey: boolean;
  isTypename: boolean;
  /** `__schema` / `__type`: answered by graphql-js against the API schema, as Apollo does. */
  introspection: FieldNode | undefined;
  type: TypeRef;
  selections: ShapeSelection[] | undefined;
  skip: Condition;
  include: Condition;
}

export interface ShapeFragment {
  kind: 1;
  typeCondition: GraphQLCompositeType | undefined;
  selections: ShapeSelection[];
  skip: Condition;
  include: Condition;
}

export type ShapeSelection = ShapeField | ShapeFragment;

export interface ShapeProgram {
  rootType: GraphQLCompositeType;
  selections: ShapeSelection[];
  /** Declared defaults of the operation's variables (Apollo: collectDefaultedVariableValues). */
  variableDefaults: Record<string, unknown>;
  hasConditions: boolean;
}

const OBJECT_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Compiles one operation of a validated document against the API schema. */
export function compileShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variableDefaults: Record<string, unknown>,
): ShapeProgram {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new GraphQLError(`The schema has no ${operation.operation} type`);
  let hasConditions = false;

  const conditionOf = (node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, name: string): Condition | boolean => {
    const directive = node.directives?.find((d) => d.name.value === name);
    if (!directive) return undefined;
    const arg = directive.arguments?.find((a) => a.name.value === 'if');
    if (!arg) return undefined;
    if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
    if (arg.value.kind === Kind.VARIABLE) {
      hasConditions = true;
      return arg.value.name.value;
    }
    return undefined;
  };

  // One compiled list per selection set and parent type. A fragment spread N times (or spread by
  // N fragments that are themselves spread N times) is compiled once and its list shared, so the
  // work is linear in the document's text, not in its expansion (10 fragments of 10 spreads
  // each would be 10^10 compilations otherwise). The program is read-only, so sharing is safe.
  const compiled = new Map<SelectionSetNode, Map<GraphQLCompositeType, ShapeSelection[] | null>>();
  const compileSet = (set: SelectionSetNode, parent: GraphQLCompositeType): ShapeSelection[] => {
    let byParent = compiled.get(set);
    if (!byParent) compiled.set(set, (byParent = new Map()));
    const done = byParent.get(parent);
    if (done) return done;
    // Validation rejects fragment cycles; this keeps an unvalidated one from recursing forever.
    if (done === null) throw unsupported('A fragment spreads itself.');
    byParent.set(parent, null);
    const out = compileSelections(set, parent);
    byParent.set(parent, out);
    return out;
  };

  const compileSelections = (set: SelectionSetNode, parent: GraphQLCompositeType): ShapeSelection[] => {
    const out: ShapeSelection[] = [];
    for (const sel of set.selections) {
      const skip = conditionOf(sel, 'skip');
      const include = conditionOf(sel, 'include');
      // Constant conditions are decided now: a selection that can never appear is dropped.
      if (skip === true || include === false) continue;
      const dynSkip = typeof skip === 'string' ? skip : undefined;
      const dynInclude = typeof include === 'string' ? include : undefined;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const responseName = sel.alias?.value ?? name;
        if (responseName === '__proto__') throw unsupported('A field may not be aliased "__proto__".');
        const introspection = (name === '__schema' || name === '__type') && parent === rootType ? sel : undefined;
        let type: GraphQLOutputType;
        if (name === '__typename') type = schema.getType('String') as GraphQLOutputType;
        else if (introspection) type = schema.getType(name === '__schema' ? '__Schema' : '__Type') as GraphQLOutputType;
        else {
          if (!isObjectType(parent) && !isInterfaceType(parent)) throw new GraphQLError(`Cannot query field "${name}" on type "${parent.name}".`);
          const def = parent.getFields()[name];
          if (!def) throw new GraphQLError(`Cannot query field "${name}" on type "${parent.name}".`);
          type = def.type;
        }
        const named = getNamedType(type);
        out.push({
          kind: 0,
          responseName,
          protoKey: OBJECT_PROTO_KEYS.has(responseName),
          isTypename: name === '__typename',
          introspection,
          type: compileType(type),
          selections: sel.selectionSet && !introspection && isCompositeType(named) ? compileSet(sel.selectionSet, named) : undefined,
          skip: dynSkip,
          include: dynInclude,
        });
      } else {
        let typeCondition: GraphQLCompositeType | undefined;
        let selectionSet: SelectionSetNode;
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          typeCondition = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType) : undefined;
          selectionSet = sel.selectionSet;
        } else {
          const fragment = fragments[sel.name.value];
          if (!fragment) throw new GraphQLError(`Unknown fragment "${sel.name.value}".`);
          typeCondition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
          selectionSet = fragment.selectionSet;
        }
        const selections = compileSet(selectionSet, typeCondition ?? parent);
        // The same fragment spread twice here (same conditions) adds nothing the first did not:
        // applying a list again to the same object only re-reads what it wrote. Keep one.
        if (out.some((o) => o.kind === 1 && o.selections === selections && o.typeCondition === typeCondition && o.skip === dynSkip && o.include === dynInclude)) continue;
        out.push({ kind: 1, typeCondition, selections, skip: dynSkip, include: dynInclude });
      }
    }
    return out;
  };

  return { rootType, selections: compileSet(operation.selectionSet, rootType), variableDefaults, hasConditions };
}

/** Per-request shaping state; the two flags are the `{ isInvalid, hasErrors }` Apollo returns per value. */
interface ShapeState {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspect: (field: FieldNode) => unknown;
  subtypes: SchemaIndex;
  isInvalid: boolean;
  hasErrors: boolean;
}

/** Type facts about the API schema the walk needs, memoised; lives as long as the schema. */
export class SchemaIndex {
  private readonly memo = new Map<GraphQLNamedType, Map<GraphQLNamedType, boolean>>();
  /** name → type, with whether it is an object type and whether it is composite. */
  private readonly byName = new Map<string, { type: GraphQLNamedType; object: boolean; composite: boolean }>();
  constructor(private readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      this.byName.set(type.name, { type, object: isObjectType(type), composite: isCompositeType(type) });
    }
  }
  lookup(name: string) {
    return this.byName.get(name);
  }
  isObject(type: GraphQLNamedType): boolean {
    return this.byName.get(type.name)?.object ?? false;
  }
  isSubtype(type: GraphQLNamedType, sub: GraphQLNamedType): boolean {
    if (type === sub) return true;
    let row = this.memo.get(type);
    if (!row) this.memo.set(type, (row = new Map()));
    let result = row.get(sub);
    if (result === undefined) {
      result = isAbstractType(type) && (isObjectType(sub) || isInterfaceType(sub)) && this.schema.isSubType(type, sub);
      row.set(sub, result);
    }
    return result;
  }
}

export function computeResponse(
  program: ShapeProgram,
  input: Record<string, unknown>,
  schema: GraphQLSchema,
  subtypes: SchemaIndex,
  variables: Record<string, unknown> | undefined,
  introspect: (field: FieldNode) => unknown,
): { data: Record<string, unknown> | null; errors: GraphQLError[] } {
  const st: ShapeState = {
    schema,
    variables: program.hasConditions ? { ...program.variableDefaults, ...variables } : {},
    errors: [],
    introspect,
    subtypes,
    isInvalid: false,
    hasErrors: false,
  };
  const data: Record<string, unknown> = {};
  const ok = applySelections(st, input, program.selections, data, [], program.rootType);
  return { data: ok ? data : null, errors: st.errors };
}

function conditionValue(st: ShapeState, name: string): boolean {
  const value = st.variables[name];
  if (typeof value !== 'boolean') throw new Error(`Unexpected value ${String(value)} for variable $${name} of @skip/@include`);
  return value;
}

function skipped(st: ShapeState, sel: ShapeSelection): boolean {
  return (sel.skip !== undefined && conditionValue(st, sel.skip)) || (sel.include !== undefined && !conditionValue(st, sel.include));
}

/** Returns false when a non-null violation must null the enclosing object (Apollo's NULL_BUBBLE_UP). */
function applySelections(
  st: ShapeState,
  input: Record<string, unknown>,
  selections: ShapeSelection[],
  output: Record<string, unknown>,
  path: (string | number)[],
  parentType: GraphQLNamedType,
): boolean {
  for (let i = 0; i < selections.length; i++) {
    const sel = selections[i]!;
    if ((sel.skip !== undefined || sel.include !== undefined) && skipped(st, sel)) continue;
    if (sel.kind === 0) {
      const rn = sel.responseName;
      const outputValue = output[rn];
      if (sel.introspection) {
        if (outputValue === undefined) output[rn] = st.introspect(sel.introspection);
        continue;
      }
      let inputValue = sel.protoKey && !Object.hasOwn(input, rn) ? undefined : input[rn];
      if (inputValue === undefined) inputValue = null;
      if (sel.isTypename) {
        if (outputValue === undefined) {
          if (inputValue === null && rn !== '__typename') inputValue = input.__typename ?? null;
          const type = typeof inputValue === 'string' ? (st.subtypes.lookup(inputValue)?.type ?? parentType) : parentType;
          if (!st.subtypes.isObject(type)) return false;
          output[rn] = type.name;
        }
        continue;
      }
      path.push(rn);
      const updated = updateOutputValue(st, outputValue, sel.type, inputValue, sel.selections, path, parentType);
      output[rn] = updated;
      path.pop();
      if (st.isInvalid) return false;
    } else {
      const typename = input.__typename;
      const tc = sel.typeCondition;
      let applies = true;
      if (tc) {
        if (typeof typename === 'string' && typename) {
          const type = st.subtypes.lookup(typename)?.type;
          applies = !!type && st.subtypes.isSubtype(tc, type);
        } else {
          applies = st.subtypes.isSubtype(tc, parentType);
        }
      }
      if (applies && !applySelections(st, input, sel.selections, output, path, tc ?? parentType)) return false;
    }
  }
  return true;
}

function describeLast(path: (string | number)[], currentType: string, parentType: GraphQLNamedType): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${parentType.name}.${element}` : `array element of type ${currentType} at index ${element}`;
}

function invalid(message: string, path: (string | number)[]): GraphQLError {
  return new GraphQLError(message, { path: path.slice(), extensions: { code: 'INVALID_GRAPHQL' } });
}

/** Apollo's updateOutputValue; the `{ isInvalid, hasErrors }` result is left in `st`. */
function updateOutputValue(
  st: ShapeState,
  outputValue: unknown,
  type: TypeRef,
  inputValue: unknown,
  selections: ShapeSelection[] | undefined,
  path: (string | number)[],
  parentType: GraphQLNamedType,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !selections)) {
    st.isInvalid = false;
    st.hasErrors = false;
    return outputValue;
  }
  if (type.k === 0) {
    const updated = updateOutputValue(st, outputValue, type.of, inputValue, selections, path, parentType);
    if (updated === null) {
      if (!st.hasErrors) st.errors.push(invalid(`Cannot return null for non-nullable ${describeLast(path, type.of.text, parentType)}.`, path));
      st.isInvalid = true;
      st.hasErrors = true;
      return null;
    }
    st.isInvalid = false;
    st.hasErrors = false;
    return updated;
  }
  if (inputValue === null) {
    st.isInvalid = false;
    st.hasErrors = false;
    return null;
  }
  if (type.k === 1) {
    if (!Array.isArray(inputValue)) throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type.text}`);
    const existing = outputValue as unknown[] | undefined;
    if (existing !== undefined && existing.length !== inputValue.length) throw new Error(`List length mismatch (${inputValue.length} vs ${existing.length})`);
    const updated = existing ?? new Array<unknown>(inputValue.length);
    let shouldNullify = false;
    let hasErrors = false;
    for (let idx = 0; idx < inputValue.length; idx++) {
      path.push(idx);
      updated[idx] = updateOutputValue(st, existing?.[idx], type.of, inputValue[idx] ?? null, selections, path, parentType);
      path.pop();
      if (st.isInvalid) shouldNullify = true;
      if (st.hasErrors) hasErrors = true;
    }
    st.isInvalid = false;
    st.hasErrors = hasErrors;
    return shouldNullify ? null : updated;
  }
  if (type.k === 2) {
    if (typeof inputValue !== 'object') throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.text}`);
    const obj = inputValue as Record<string, unknown>;
    const typename = obj.__typename;
    let objType: GraphQLNamedType = type.type;
    if (typename) {
      const found = typeof typename === 'string' ? st.subtypes.lookup(typename) : undefined;
      if (!found || !found.composite) {
        st.errors.push(invalid(`Invalid __typename found for object at ${describeLast(path, type.text, parentType)}.`, path));
        st.isInvalid = false;
        st.hasErrors = true;
        return null;
      }
      objType = found.type;
    }
    const out = (outputValue as Record<string, unknown> | undefined) ?? {};
    const ok = applySelections(st, obj, selections!, out, path, objType);
    st.isInvalid = false;
    st.hasErrors = !ok;
    return ok ? out : null;
  }
  const valid = isValidLeafValue(inputValue, type.leaf, type.enumType);
  if (!valid) st.errors.push(invalid(`Invalid value found for ${describeLast(path, type.text, parentType)}.`, path));
  st.isInvalid = false;
  st.hasErrors = !valid;
  return valid ? inputValue : null;
}

/** federation-internals' isValidLeafValue. */
function isValidLeafValue(value: unknown, leaf: LeafKind, enumType: GraphQLEnumType | undefined): boolean {
  if (leaf === LeafKind.Custom) return true;
  if (typeof value === 'boolean') return leaf === LeafKind.Boolean;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (leaf === LeafKind.Int || leaf === LeafKind.Id) return Number.isInteger(value) && Math.abs(value) < 1e21;
    return leaf === LeafKind.Float;
  }
  if (typeof value === 'string') {
    if (leaf === LeafKind.Enum) return enumType!.getValue(value) !== undefined;
    return leaf !== LeafKind.Boolean && leaf !== LeafKind.Int && leaf !== LeafKind.Float;
  }
  return false;
}
