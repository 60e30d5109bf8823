import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../lib/errors.ts';
import { rootDir } from '../../../lib/registry.ts';
import { aliases, deepQuery, fragmentBomb } from '../../../test/helpers/hostile.ts';
import { createTrustedDocuments, loadTrustedDocuments, loadTrustedDocumentsConfig, sha256 } from '../trusted-documents.ts';
import { analyzeStructure, checkCost } from './analyze.ts';
import { loadLimitsConfig } from './config.ts';
import { estimateCost, expandedSelections } from './cost.ts';
import { parse } from './graphql.ts';
import { createOperationLimits } from './guard.ts';
import { planningWeight, requiresWeights } from './planning.ts';

const limits = loadLimitsConfig({});
let schema: GraphQLSchema;
beforeAll(() => {
  schema = Supergraph.build(readFileSync(`${rootDir}schema/supergraph.graphql`, 'utf8')).apiSchema().toGraphQLJSSchema();
});

const codeOf = (source: string) => {
  const result = analyzeStructure(schema, source, limits);
  return result.ok === false ? result.error.extensions.code : result.ok;
};

describe('structure checks, before validation', () => {
  it('counts the 10 × 10 fragment bomb (10^10 fields) without expanding it, and refuses it', () => {
    expect(expandedSelections(parse(fragmentBomb(10, 10)))).toBe(2 * 10 ** 10);
    expect(codeOf(fragmentBomb(10, 10))).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    expect(codeOf(fragmentBomb(7, 10))).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    expect(codeOf(fragmentBomb(2, 3))).toBe(true);
  });

  it('terminates on fragment cycles and leaves them to validation', () => {
    const cyclic = 'query { ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }';
    expect(expandedSelections(parse(cyclic))).toBe(1);
    expect(codeOf(cyclic)).toBe(true);
  });

  it('refuses depth past the limit, and 20,000 levels without reaching the recursive parser', () => {
    expect(codeOf(deepQuery(limits.LIMIT_MAX_DEPTH))).toBe(true);
    expect(codeOf(deepQuery(limits.LIMIT_MAX_DEPTH + 1))).toBe(ErrorCode.OPERATION_TOO_DEEP);
    expect(codeOf(`{${'a{'.repeat(20_000)}b${'}'.repeat(20_000)}}`)).toBe(ErrorCode.OPERATION_TOO_DEEP);
  });

  it('refuses too many tokens, aliases and directives, and an oversized text', () => {
    expect(codeOf(aliases(10_000))).toBe(ErrorCode.OPERATION_TOO_LARGE);
    expect(codeOf(aliases(limits.LIMIT_MAX_ALIASES, '__typename'))).toBe(true);
    expect(codeOf(aliases(limits.LIMIT_MAX_ALIASES + 1, 'customer(id: "x") { id }'))).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    expect(codeOf(`{ __typename ${'@skip(if: false) '.repeat(limits.LIMIT_MAX_DIRECTIVES + 1)}}`)).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    expect(codeOf(`{ customer(id: "${'x'.repeat(limits.LIMIT_MAX_DOCUMENT_BYTES)}") { id } }`)).toBe(ErrorCode.OPERATION_TOO_LARGE);
  });

  it('refuses reserved names such as __proto__ as aliases, arguments, variables and fragments', () => {
    for (const source of [
      '{ __proto__: __typename }',
      '{ __proto__ }',
      'query ($__proto__: ID) { __typename }',
      '{ customer(id: "x", __proto__: "y") { id } }',
      'fragment __proto__ on Query { __typename } { ...__proto__ }',
    ]) {
      expect(codeOf(source), source).toBe(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    }
    expect(codeOf('{ __typename __schema { queryType { name } } constructor: __typename }')).toBe(true);
  });

  it('leaves a syntax error to Apollo (GRAPHQL_PARSE_FAILED with its message)', () => {
    expect(codeOf('{ customer(id: ')).toBe('unparsable');
  });
});

describe('planning weight', () => {
  it('weighs @requires joins from the supergraph, and refuses what would take the planner long', () => {
    const weights = requiresWeights(readFileSync(`${rootDir}schema/supergraph.graphql`, 'utf8'));
    expect(weights.get('Customer.journey')).toBeGreaterThan(50);
    expect(weights.get('Customer.crmContacts')).toBe(4);
    expect(weights.has('Customer.id')).toBe(false);
    const heavy = aliases(10, 'customer(id: "x") { journey(first: 5) { edges { node { id } } } channelInsight { preferredChannel } }');
    expect(planningWeight(schema, parse(heavy), weights)).toBe(10 * (weights.get('Customer.journey')! + weights.get('Customer.channelInsight')!));
    const result = analyzeStructure(schema, heavy, limits, weights);
    expect(result.ok === false && result.error.extensions.code).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    // Memoised through fragments like the other walks.
    const viaFragments = 'query { ...A ...A } fragment A on Query { customer(id: "x") { ...J } } fragment J on Customer { journey { pageInfo { endCursor } } }';
    expect(planningWeight(schema, parse(viaFragments), weights)).toBe(2 * weights.get('Customer.journey')!);
    for (const file of readdirSync(`${rootDir}schema/operations`)) {
      const weight = planningWeight(schema, parse(readFileSync(`${rootDir}schema/operations/${file}`, 'utf8')), weights);
      expect(weight * 2, file).toBeLessThan(limits.LIMIT_MAX_PLANNING_WEIGHT);
    }
  });
});

describe('cost estimate', () => {
  const cost = (source: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(source), variables, { defaultListSize: 10 }).cost;

  it('multiplies by the page size once per connection, and by the default size for plain lists', () => {
    // customers 1 + edges (1 + 100 × node (1 + links (1 + 10 × system 1)))
    expect(cost('{ customers(first: 100) { edges { node { links { system } } } } }')).toBe(1 + 1 + 100 * (1 + 1 + 10));
    expect(cost('{ customers(first: 10) { edges { node { id } } } }')).toBe(1 + 1 + 10 * 2);
  });

  it('reads list sizes from variables, their declared defaults, and the schema default', () => {
    const source = 'query ($n: Int) { customers(first: $n) { edges { node { id } } } }';
    expect(cost(source, { n: 50 })).toBe(2 + 50 * 2);
    expect(cost('query ($n: Int = 7) { customers(first: $n) { edges { node { id } } } }')).toBe(2 + 7 * 2);
    // Unset: the schema's `first: Int = 20`.
    expect(cost(source, {})).toBe(2 + 20 * 2);
    expect(estimateCost(schema, parse(source), {}, { defaultListSize: 10 }).sizeVariables).toEqual(['n']);
  });

  it('is memoised per fragment: the bomb costs a walk of its text', () => {
    expect(cost(fragmentBomb(10, 10))).toBe(10 ** 10 * 2);
  });

  it('keeps every example operation of schema/operations inside every default limit, with room', () => {
    for (const file of readdirSync(`${rootDir}schema/operations`)) {
      const source = readFileSync(`${rootDir}schema/operations/${file}`, 'utf8');
      const structure = analyzeStructure(schema, source, limits);
      expect(structure.ok, file).toBe(true);
      if (structure.ok !== true) continue;
      const checked = checkCost(schema, structure.document, {}, limits);
      expect(checked.error, file).toBeUndefined();
      expect(checked.cost * 5, file).toBeLessThan(limits.LIMIT_MAX_COST);
    }
  });
});

describe('the limits guard', () => {
  it('refuses by cost per variables, and caches verdicts per text', async () => {
    const operationLimits = createOperationLimits(loadLimitsConfig({ LIMIT_MAX_COST: '1000' }));
    const hooks = await operationLimits.plugin.serverWillStart?.({} as never);
    hooks?.schemaDidLoadOrUpdate?.({ apiSchema: schema, coreSupergraphSdl: '' });
    const query = 'query ($n: Int) { customers(first: $n) { edges { node { links { system } } } } }';
    expect(operationLimits.guard({ query, variables: { n: 10 } })).toEqual({ query, variables: { n: 10 } });
    const refused = operationLimits.guard({ query, variables: { n: 100 } });
    expect(refused instanceof Error && refused.extensions.code).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    operationLimits.guard({ query, variables: { n: 10 } });
    expect(operationLimits.stats()).toMatchObject({ misses: 1, hits: 2, size: 1 });
  });
});

describe('trusted documents', () => {
  const manifest = `${rootDir}schema/generated/persisted-documents.json`;

  it('is on in the production configuration and off in development unless set', () => {
    expect(loadTrustedDocumentsConfig({ OMNIGRAPH_ENV: 'production' }).enforce).toBe(true);
    expect(loadTrustedDocumentsConfig({}).enforce).toBe(false);
    expect(loadTrustedDocumentsConfig({ TRUSTED_DOCUMENTS: 'on' }).enforce).toBe(true);
    expect(loadTrustedDocumentsConfig({ OMNIGRAPH_ENV: 'production', TRUSTED_DOCUMENTS: 'off' }).enforce).toBe(false);
    expect(loadTrustedDocumentsConfig({}).explorerRoles).toEqual(['admin', 'analyst']);
  });

  it('registers every example operation and the console\'s, and refuses to start on a manifest whose hash is wrong', () => {
    const registered = ['schema/operations', 'apps/console/src/operations'].flatMap((dir) => readdirSync(`${rootDir}${dir}`));
    expect(loadTrustedDocuments([manifest]).size).toBe(registered.length);
    const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ [`sha256:${'a'.repeat(64)}`]: '{ __typename }' }));
    expect(() => loadTrustedDocuments([join(dir, 'bad.json')])).toThrow(/does not hash/);
    const apollo = join(dir, 'apollo.json');
    writeFileSync(apollo, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256('{ __typename }'), body: '{ __typename }', name: 'T', type: 'query' }] }));
    expect(loadTrustedDocuments([apollo]).get(sha256('{ __typename }'))).toBe('{ __typename }');
  });

  it('resolves hashes to registered text and refuses ad hoc text for roles that may not explore', () => {
    const trusted = createTrustedDocuments({ enforce: true, manifests: [manifest], explorerRoles: ['analyst'] });
    const [id, text] = Object.entries(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>)[0]!;
    expect(trusted.resolve({ documentId: id, variables: { a: 1 } }, { roles: [] })).toEqual({ query: text, variables: { a: 1 } });
    expect(trusted.resolve({ extensions: { persistedQuery: { version: 1, sha256Hash: id.slice(7) } } }, { roles: [] })).toEqual({ query: text });
    const adHoc = trusted.resolve({ query: '{ __typename }' }, { roles: ['agent'] });
    expect(adHoc instanceof Error && adHoc.extensions.code).toBe(ErrorCode.OPERATION_NOT_TRUSTED);
    expect(trusted.resolve({ query: '{ __typename }' }, { roles: ['analyst'] })).toEqual({ query: '{ __typename }' });
    const wrong = trusted.resolve({ documentId: id, query: '{ __typename }' }, { roles: [] });
    expect(wrong instanceof Error && wrong.extensions.code).toBe(ErrorCode.BAD_REQUEST);
  });
});
