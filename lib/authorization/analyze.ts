import type { DocumentNode, FragmentDefinitionNode, GraphQLNamedType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, GraphQLError as GraphQLErrorType } from 'graphql';
import { GraphQLError, Kind, getNamedType, isInterfaceType, isLeafType, isObjectType } from './graphql.ts';
import { ErrorCode } from '../errors.ts';
import { normaliseRoles, RAW_PII_ROLES, satisfies, seesRawPii } from './roles.ts';
import type { PiiKind, Policy } from './spec.ts';

/**
 * The authorization analysis of one operation, shared by the gateway (against the API schema
 * of the supergraph) and every subgraph (against its own schema). Whatever depends only on the
 * document is computed once per document (`OperationShape`); what depends on the caller's
 * roles is a filter over it, cached per roles. So a request pays a WeakMap lookup.
 */

/** Personal data found at one response key, and what is under it. */
export interface MaskField {
  /** `Type.field` of the schema, for the audit log and errors. */
  coordinate: string;
  /** Set on a leaf holding personal data: the rule that masks it (mask.ts). */
  kind?: Exclude<PiiKind, 'inherit'>;
  child?: MaskNode;
}

/** One object level of the response on the way to personal data. */
export interface MaskNode {
  /** The type as the schema states it at this level (an interface or union stays abstract). */
  typeName: string;
  /** The response key of this object's `id`, when the operation selects it: who the data is about. */
  idKey?: string;
  fields: Map<string, MaskField>;
}

export interface RoleRequirement {
  coordinate: string;
  /** The response path where the operation selects it (`mergeCustomers`, `customer.auditTrail`). */
  path: string;
  /** Every entry must be satisfied, each by any one of its roles. */
  roles: string[][];
}

/** An argument holding personal data that the operation passes (a search by email). */
export interface PiiArgument {
  /** `Type.field` of the field taking it. */
  coordinate: string;
  argument: string;
  /** The response path of the field (`customers`). */
  path: string;
  /** The variable that gives its value; undefined when the document writes a literal. */
  variable?: string;
}

/** A root mutation field the operation runs, with its id arguments: what the audit log says was changed. */
export interface MutationField {
  coordinate: string;
  /** The field's `ID` arguments: each a literal value or the variable that gives it. */
  ids: { argument: string; value?: string; variable?: string }[];
}

export interface OperationShape {
  operationType: 'query' | 'mutation' | 'subscription';
  /** Where personal data can appear in the response; null when the operation reads none. */
  pii: MaskNode | null;
  /** Every `Type.field` with personal data the operation selects. */
  piiFields: string[];
  requirements: RoleRequirement[];
  /** Arguments declared `@pii` that the operation passes (null literals left out). */
  piiArguments: PiiArgument[];
  /** A mutation's root fields, in document order (empty for a query). */
  mutations: MutationField[];
}

export interface Decision {
  shape: OperationShape;
  /** Requirements the caller does not meet; the operation must not run when any. */
  refused: RoleRequirement[];
  /** Personal-data arguments this caller may not pass a value to (none for raw-PII roles): see `refusedArguments`. */
  guardedArguments: PiiArgument[];
}

interface Walk {
  schema: GraphQLSchema;
  policy: Policy;
  fragments: Map<string, FragmentDefinitionNode>;
  requirements: Map<string, RoleRequirement>;
  piiFields: Set<string>;
  piiArguments: Map<string, PiiArgument>;
  mutations: MutationField[];
  /** Fragment spread results by fragment × type × inherited kind: a fragment-heavy document is walked once per fragment. */
  memo: Map<string, MaskNode | null>;
}

function mergeField(into: MaskField | undefined, add: MaskField): MaskField {
  if (!into || into === add) return add;
  const kind = into.kind && add.kind && into.kind !== add.kind ? 'text' : (into.kind ?? add.kind);
  const child = into.child && add.child ? mergeNode(into.child, add.child) : (into.child ?? add.child);
  return { coordinate: into.coordinate, ...(kind ? { kind } : {}), ...(child ? { child } : {}) };
}

function mergeNode(into: MaskNode, add: MaskNode): MaskNode {
  if (into === add) return into;
  const fields = new Map(into.fields);
  for (const [key, field] of add.fields) fields.set(key, mergeField(fields.get(key), field));
  const idKey = into.idKey ?? add.idKey;
  return { typeName: into.typeName, ...(idKey ? { idKey } : {}), fields };
}

function walkSelections(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType, inherited: PiiKind | undefined, path: string, node: MaskNode): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? w.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) walkSelections(w, selection.selectionSet, type, inherited, path, node);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = w.fragments.get(selection.name.value);
      const type = fragment && w.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !type) continue;
      const memoKey = `${fragment.name.value}\0${parent.name}\0${inherited ?? ''}\0${path}`;
      let sub = w.memo.get(memoKey);
      if (sub === undefined) {
        w.memo.set(memoKey, null); // validation forbids cycles; this only guards against a pathological one
        const fresh: MaskNode = { typeName: node.typeName, fields: new Map() };
        walkSelections(w, fragment.selectionSet, type, inherited, path, fresh);
        sub = fresh.fields.size > 0 || fresh.idKey ? fresh : null;
        w.memo.set(memoKey, sub);
      }
      if (sub) {
        for (const [key, field] of sub.fields) node.fields.set(key, mergeField(node.fields.get(key), field));
        if (sub.idKey) node.idKey ??= sub.idKey;
      }
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__')) continue;
    if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
    const def = parent.getFields()[name];
    if (!def) continue;
    const key = selection.alias?.value ?? name;
    const coordinate = `${parent.name}.${name}`;
    const fieldPath = path ? `${path}.${key}` : key;
    const declared = w.policy.get(parent.name)?.get(name);
    if (declared?.roles && !w.requirements.has(coordinate)) w.requirements.set(coordinate, { coordinate, path: fieldPath, roles: declared.roles });
    if (declared?.piiArguments) {
      for (const arg of selection.arguments ?? []) {
        if (!declared.piiArguments.has(arg.name.value) || arg.value.kind === Kind.NULL) continue;
        const variable = arg.value.kind === Kind.VARIABLE ? arg.value.name.value : undefined;
        const found: PiiArgument = { coordinate, argument: arg.name.value, path: fieldPath, ...(variable ? { variable } : {}) };
        w.piiArguments.set(`${coordinate}\0${arg.name.value}\0${variable ?? ''}`, found);
      }
    }
    if (name === 'id') node.idKey ??= key;
    if (path === '' && parent === w.schema.getMutationType()) {
      const ids = (selection.arguments ?? []).flatMap((arg): MutationField['ids'] => {
        if (getNamedType(def.args.find((a) => a.name === arg.name.value)?.type ?? def.type).name !== 'ID') return [];
        if (arg.value.kind === Kind.VARIABLE) return [{ argument: arg.name.value, variable: arg.value.name.value }];
        return arg.value.kind === Kind.STRING || arg.value.kind === Kind.INT ? [{ argument: arg.name.value, value: arg.value.value }] : [];
      });
      w.mutations.push({ coordinate, ids });
    }
    const type = getNamedType(def.type);
    if (isLeafType(type)) {
      const kind = declared?.pii === 'inherit' ? (inherited && inherited !== 'inherit' ? inherited : 'text') : declared?.pii;
      if (kind) {
        w.piiFields.add(coordinate);
        node.fields.set(key, mergeField(node.fields.get(key), { coordinate, kind }));
      }
      continue;
    }
    if (!selection.selectionSet) continue;
    const context = declared?.pii && declared.pii !== 'inherit' ? declared.pii : inherited;
    if (declared?.pii && declared.pii !== 'inherit') w.piiFields.add(coordinate);
    const child: MaskNode = { typeName: type.name, fields: new Map() };
    walkSelections(w, selection.selectionSet, type, context, fieldPath, child);
    if (child.fields.size > 0) node.fields.set(key, mergeField(node.fields.get(key), { coordinate, child }));
  }
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** The document-only part of the analysis. Throws nothing: an operation it cannot find reads nothing. */
export function shapeOf(schema: GraphQLSchema, policy: Policy, document: DocumentNode, operationName?: string | null): OperationShape {
  const operation = operationOf(document, operationName);
  const empty: OperationShape = { operationType: operation?.operation ?? 'query', pii: null, piiFields: [], requirements: [], piiArguments: [], mutations: [] };
  const root = operation && schema.getRootType(operation.operation as never);
  if (!operation || !root) return empty;
  const w: Walk = {
    schema,
    policy,
    fragments: new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])),
    requirements: new Map(),
    piiFields: new Set(),
    piiArguments: new Map(),
    mutations: [],
    memo: new Map(),
  };
  const top: MaskNode = { typeName: root.name, fields: new Map() };
  walkSelections(w, operation.selectionSet, root, undefined, '', top);
  return { operationType: operation.operation, pii: top.fields.size > 0 ? top : null, piiFields: [...w.piiFields].sort(), requirements: [...w.requirements.values()], piiArguments: [...w.piiArguments.values()], mutations: w.mutations };
}

/** `Mutation.field(argument: value)` lines for the audit log: which records a mutation named, from the request's variables. */
export function mutationTargets(shape: OperationShape, variables: Readonly<Record<string, unknown>> | undefined): { field: string; ids: Record<string, string> }[] {
  return shape.mutations.map((m) => ({
    field: m.coordinate,
    ids: Object.fromEntries(
      m.ids.flatMap((id) => {
        const value = id.variable !== undefined ? variables?.[id.variable] : id.value;
        return typeof value === 'string' || typeof value === 'number' ? [[id.argument, String(value)]] : [];
      }),
    ),
  }));
}

export function refusedFor(shape: OperationShape, roles: readonly string[]): RoleRequirement[] {
  return shape.requirements.filter((r) => !r.roles.every((anyOf) => satisfies(roles, anyOf)));
}

/**
 * The personal-data arguments a request passes a value to that its caller may not: a literal
 * always, a variable when the request's value is not null. Callers who read personal data raw
 * have none (`Decision.guardedArguments` is empty), so for them this is a length check.
 */
export function refusedArguments(decision: Decision, variables: Readonly<Record<string, unknown>> | undefined): PiiArgument[] {
  if (decision.guardedArguments.length === 0) return [];
  return decision.guardedArguments.filter((a) => a.variable === undefined || (variables?.[a.variable] !== undefined && variables[a.variable] !== null));
}

/** FORBIDDEN for a personal-data argument: looking people up by a personal value needs a raw-PII role. */
export function forbiddenArgumentError(refused: readonly PiiArgument[]): GraphQLErrorType {
  const first = refused[0];
  const where = first ? `${first.coordinate}(${first.argument}:)` : 'this argument';
  return new GraphQLError(
    `Not allowed: ${where} looks people up by personal data, which needs a role that reads personal data unmasked (${RAW_PII_ROLES.join(', ')}); page without it`,
    // `field`: the argument's schema coordinate (`Query.customers(search:)`), the one extension key errors carry for what was refused.
    { extensions: { code: ErrorCode.FORBIDDEN, field: where, http: { status: 403 } } },
  );
}

/** The coded error of a refused operation: FORBIDDEN, naming the first field and the roles it needs. */
export function forbiddenError(refused: readonly RoleRequirement[]): GraphQLErrorType {
  const first = refused[0];
  const needs = first ? first.roles.map((r) => r.join(' or ')).join(' and ') : '';
  const more = refused.length > 1 ? ` (and ${refused.slice(1).map((r) => r.coordinate).join(', ')})` : '';
  return new GraphQLError(`Not allowed: ${first?.coordinate ?? 'this operation'} needs the role ${needs}${more}`, {
    // 403, not Apollo's default 500 for an error raised before execution: nothing failed, the caller may not.
    extensions: { code: ErrorCode.FORBIDDEN, field: first?.coordinate, http: { status: 403 } },
  });
}

/**
 * Refuses the operation before any resolver runs: FORBIDDEN for a field the caller's roles do not
 * open, else for a personal-data argument the request passes a value to (`refusedArguments`).
 * The gateway's plugin and every subgraph's call this one check, so both refuse alike.
 */
export function assertAllowed(decision: Decision, variables: Readonly<Record<string, unknown>> | undefined): void {
  if (decision.refused.length > 0) throw forbiddenError(decision.refused);
  const byValue = refusedArguments(decision, variables);
  if (byValue.length > 0) throw forbiddenArgumentError(byValue);
}

/**
 * Analyses per document object (Apollo Server keeps one parsed DocumentNode per query text in
 * its document store, so a repeated operation hits the WeakMap) and per roles.
 */
export class AuthorizationAnalyzer {
  private readonly shapes = new WeakMap<DocumentNode, Map<string, OperationShape>>();
  private readonly decisions = new WeakMap<OperationShape, Map<string, Decision>>();

  constructor(
    private readonly schema: GraphQLSchema,
    readonly policy: Policy,
  ) {}

  decide(document: DocumentNode, operationName: string | null | undefined, roles: readonly string[]): Decision {
    let byName = this.shapes.get(document);
    if (!byName) this.shapes.set(document, (byName = new Map()));
    const nameKey = operationName ?? '';
    let shape = byName.get(nameKey);
    if (!shape) byName.set(nameKey, (shape = shapeOf(this.schema, this.policy, document, operationName)));
    let byRoles = this.decisions.get(shape);
    if (!byRoles) this.decisions.set(shape, (byRoles = new Map()));
    const rolesKey = normaliseRoles(roles).join(',');
    let decision = byRoles.get(rolesKey);
    if (!decision) byRoles.set(rolesKey, (decision = { shape, refused: refusedFor(shape, roles), guardedArguments: seesRawPii(roles) ? [] : shape.piiArguments }));
    return decision;
  }
}

