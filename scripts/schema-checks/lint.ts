import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  type GraphQLNamedType,
  Kind,
  type TypeNode,
} from 'graphql';
import { apiSchemaFile, supergraphFile } from '../compose.ts';

/**
 * `npm run schema:lint:check`: the schema lint CI runs.
 * - Descriptions on every type, field and input field of the API schema (what analysts and
 *   frontend teams read). Arguments without one are listed as warnings (not failing yet).
 * - Naming: types and enums PascalCase, fields and arguments camelCase, enum values UPPER_SNAKE.
 * - PII marks: a String field whose name says it holds an email, phone, address or a person's
 *   name carries `@pii` in the supergraph (object-typed fields: their own fields carry it) (the gateway masks by it), unless the type is the retailer's
 *   own (a store, a product) and listed in NOT_PERSONAL with the reason.
 */

/** Field names that hold personal data when they describe a person. */
const PII_NAME = /^(e?mails?|phones?|phoneNumbers?|mobile(Phone)?|address(es)?|addressLine\d?|line[12]|street|postalCode|zip|(first|last|given|family|middle|display|full|maiden|nick)Name|name|names|nickname|birth(day|Date)?)$/i;

/** Types whose name-like fields are not personal data: the retailer's own records and catalogue, and reference data. */
const NOT_PERSONAL: Record<string, string> = {
  Store: "a store's name and address are the retailer's",
  PosLocation: "a store's name and address are the retailer's",
  Product: 'catalogue data',
  ShopProduct: 'catalogue data',
  ShopVariant: 'catalogue data',
  PosCatalogItem: 'catalogue data',
  SocialPage: "the retailer's own page",
  InventoryLocation: "the retailer's warehouse",
  ShopLocation: "the retailer's warehouse",
  StoreAvailability: "a store's name",
  PosLineItem: 'the name of a product sold',
  ShopOrder: 'the order name (#1001)',
  FlowStep: 'a step of a flow',
  BackfillSourceReport: 'a system name',
};

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export function lintApiSchema(sdl: string, warnings: string[] = []): string[] {
  const schema = buildSchema(sdl);
  const problems: string[] = [];
  const described = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) problems.push(`${what}: no description`);
  };
  const named = (what: string, name: string, rule: RegExp, style: string) => {
    if (!rule.test(name)) problems.push(`${what}: not ${style}`);
  };
  for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    const rootType = type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
    if (!rootType) described(type.name, type.description);
    named(type.name, type.name, PASCAL, 'PascalCase');
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const where = `${type.name}.${field.name}`;
        described(where, field.description);
        named(where, field.name, CAMEL, 'camelCase');
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description?.trim()) warnings.push(`${where}(${arg.name}): no description`);
          named(`${where}(${arg.name})`, arg.name, CAMEL, 'camelCase');
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) named(`${type.name}.${value.name}`, value.name, UPPER_SNAKE, 'UPPER_SNAKE_CASE');
    }
  }
  return problems;
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** Fields named like personal data without @pii in the supergraph (where the directive is composed). */
export function lintPii(supergraphSdl: string): string[] {
  const problems: string[] = [];
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    if (def.name.value in NOT_PERSONAL || def.name.value.startsWith('join__') || def.name.value.startsWith('link__')) continue;
    for (const field of def.fields ?? []) {
      if (!PII_NAME.test(field.name.value) || namedType(field.type) !== 'String') continue;
      const inaccessible = field.directives?.some((d) => d.name.value === 'inaccessible');
      const marked = field.directives?.some((d) => d.name.value === 'pii');
      if (!marked && !inaccessible) problems.push(`${def.name.value}.${field.name.value}: named like personal data but has no @pii (or list the type in NOT_PERSONAL with the reason)`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const warnings: string[] = [];
  const problems = [...lintApiSchema(readFileSync(apiSchemaFile, 'utf8'), warnings), ...lintPii(readFileSync(supergraphFile, 'utf8'))];
  if (warnings.length > 0) console.warn(`schema:lint:check: ${warnings.length} warning(s):\n${warnings.map((w) => `- ${w}`).join('\n')}`);
  if (problems.length > 0) {
    console.error(`schema:lint:check: ${problems.length} problem(s) in schema/supergraph-api.graphql / supergraph.graphql:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('schema:lint:check: descriptions, naming and PII marks are in order');
}
