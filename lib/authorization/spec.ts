import type { ConstDirectiveNode, DocumentNode, FieldDefinitionNode, SchemaExtensionNode, SchemaDefinitionNode } from 'graphql';
import { Kind } from './graphql.ts';
import { isRole } from './roles.ts';

/**
 * Omnigraph's authorization spec, linked by every subgraph that declares personal data or role
 * requirements (Federation 2 `@link` + `@composeDirective`, so the directives reach the
 * supergraph and the gateway reads the same declarations the subgraph does):
 *
 *   extend schema
 *     @link(url: "https://omnigraph.dev/authorization/v1.0", import: ["@pii", "@requiresRole"])
 *     @composeDirective(name: "@pii") @composeDirective(name: "@requiresRole")
 *   directive @pii(kind: String!) on FIELD_DEFINITION | ARGUMENT_DEFINITION
 *   directive @requiresRole(roles: [String!]!) on FIELD_DEFINITION
 *
 * `@pii` on an argument says its value is personal data: looking records up by it (a search
 * by email) tells whether that person exists, so only callers who read personal data raw may
 * pass it a value (analyze.ts `refusedArguments`).
 *
 * `kind` and `roles` are strings, not enums, so composition adds no shared enum type to the
 * API schema; they are validated here when the schema is loaded (a typo fails the start).
 */
export const SPEC_URL = 'https://omnigraph.dev/authorization/v1.0';
const SPEC_PREFIX = 'https://omnigraph.dev/authorization/';

/**
 * How a value is masked for callers without a raw-PII role (mask.ts). `inherit`: the kind of
 * the nearest `@pii` field above it in the operation (a ProfileValue under `primaryEmail` is an
 * email), `text` when none.
 */
export const PII_KINDS = ['email', 'phone', 'name', 'address', 'text', 'inherit'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface FieldPolicy {
  pii?: PiiKind;
  /** Arguments whose value is personal data (`@pii` on the argument), by name. */
  piiArguments?: ReadonlyMap<string, PiiKind>;
  /** Every entry must be satisfied; each is any-of (roles.ts `satisfies`). */
  roles?: string[][];
}

/** Type name → field name → policy. Only fields with a declaration are present. */
export type Policy = ReadonlyMap<string, ReadonlyMap<string, FieldPolicy>>;

const stringValue = (directive: ConstDirectiveNode, arg: string): string | undefined => {
  const value = directive.arguments?.find((a) => a.name.value === arg)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};
const stringList = (directive: ConstDirectiveNode, arg: string): string[] | undefined => {
  const value = directive.arguments?.find((a) => a.name.value === arg)?.value;
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return undefined;
  return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
};

/** The local names the document gives the spec's directives (`@link(import:)`, `as:` renames, or the `authorization__` prefix). */
function directiveNames(doc: DocumentNode): { pii: string; requiresRole: string } | undefined {
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_EXTENSION && def.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const link of (def as SchemaExtensionNode | SchemaDefinitionNode).directives ?? []) {
      if (link.name.value !== 'link' || !stringValue(link, 'url')?.startsWith(SPEC_PREFIX)) continue;
      const names = { pii: 'authorization__pii', requiresRole: 'authorization__requiresRole' };
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        let name: string | undefined;
        let as: string | undefined;
        if (item.kind === Kind.STRING) name = as = item.value;
        else if (item.kind === Kind.OBJECT) {
          for (const f of item.fields) if (f.value.kind === Kind.STRING) (f.name.value === 'name' ? (name = f.value.value) : f.name.value === 'as' ? (as = f.value.value) : undefined);
          as ??= name;
        }
        if (name === '@pii' && as) names.pii = as.replace(/^@/, '');
        if (name === '@requiresRole' && as) names.requiresRole = as.replace(/^@/, '');
      }
      return names;
    }
  }
  return undefined;
}

function fieldPolicy(typeName: string, field: FieldDefinitionNode, names: { pii: string; requiresRole: string }): FieldPolicy | undefined {
  const policy: FieldPolicy = {};
  for (const directive of field.directives ?? []) {
    const where = `${typeName}.${field.name.value}`;
    if (directive.name.value === names.pii) {
      const kind = stringValue(directive, 'kind');
      if (!kind || !(PII_KINDS as readonly string[]).includes(kind)) throw new Error(`@pii on ${where}: kind "${kind}" is not one of ${PII_KINDS.join(', ')}`);
      policy.pii = kind as PiiKind;
    } else if (directive.name.value === names.requiresRole) {
      const roles = stringList(directive, 'roles') ?? [];
      const unknown = roles.filter((r) => !isRole(r));
      if (roles.length === 0 || unknown.length > 0) throw new Error(`@requiresRole on ${where}: unknown or missing roles ${JSON.stringify(unknown)}`);
      policy.roles = [...(policy.roles ?? []), roles];
    }
  }
  for (const arg of field.arguments ?? []) {
    const directive = arg.directives?.find((d) => d.name.value === names.pii);
    if (!directive) continue;
    const kind = stringValue(directive, 'kind');
    if (!kind || kind === 'inherit' || !(PII_KINDS as readonly string[]).includes(kind)) throw new Error(`@pii on ${typeName}.${field.name.value}(${arg.name.value}:): kind "${kind}" is not one of ${PII_KINDS.filter((k) => k !== 'inherit').join(', ')}`);
    policy.piiArguments = new Map([...(policy.piiArguments ?? []), [arg.name.value, kind as PiiKind]]);
  }
  return policy.pii || policy.roles || policy.piiArguments ? policy : undefined;
}

/** Two declarations of one field (an interface and its implementations): the stricter of both. */
function stricter(a: FieldPolicy | undefined, b: FieldPolicy | undefined): FieldPolicy | undefined {
  if (!a) return b;
  if (!b) return a;
  const pii = a.pii && b.pii && a.pii !== b.pii ? 'text' : (a.pii ?? b.pii);
  const roles = [...(a.roles ?? []), ...(b.roles ?? [])];
  const piiArguments = new Map([...(a.piiArguments ?? []), ...(b.piiArguments ?? [])]);
  return { ...(pii ? { pii } : {}), ...(roles.length ? { roles } : {}), ...(piiArguments.size ? { piiArguments } : {}) };
}

/**
 * Reads the spec's declarations from a subgraph schema or a supergraph (the same SDL shape:
 * composed directives keep their names). An interface field carries the stricter policy of
 * its implementations, so a selection on the interface is judged like the worst concrete type.
 */
export function policyOf(doc: DocumentNode): Policy {
  const names = directiveNames(doc);
  const policy = new Map<string, Map<string, FieldPolicy>>();
  if (!names) return policy;
  const implementations = new Map<string, string[]>();
  const put = (type: string, field: string, p: FieldPolicy | undefined) => {
    if (!p) return;
    const fields = policy.get(type) ?? new Map<string, FieldPolicy>();
    fields.set(field, stricter(fields.get(field), p) ?? p);
    policy.set(type, fields);
  };
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_EXTENSION) continue;
    for (const iface of def.interfaces ?? []) implementations.set(iface.name.value, [...(implementations.get(iface.name.value) ?? []), def.name.value]);
    for (const field of def.fields ?? []) put(def.name.value, field.name.value, fieldPolicy(def.name.value, field, names));
  }
  for (const [iface, objects] of implementations) {
    for (const object of objects) for (const [field, p] of policy.get(object) ?? []) put(iface, field, p);
  }
  return policy;
}
