import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeWith } from '../scripts/compose.ts';
import { schemaChanges } from '../scripts/schema-checks/breaking.ts';
import { lintApiSchema, lintPii } from '../scripts/schema-checks/lint.ts';

/** The CI schema checks (scripts/schema-checks, `npm run *:check`) catch what they are for, and pass on the checked-in schemas. */
const api = readFileSync(new URL('../schema/supergraph-api.graphql', import.meta.url), 'utf8');
const supergraph = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
const released = readFileSync(new URL('../schema/released/api.graphql', import.meta.url), 'utf8');

describe('schema:breaking:check', () => {
  it('finds no breaking change between the released and the current API schema', async () => {
    expect((await schemaChanges(released, api)).breaking).toEqual([]);
  });

  it('reports a removed field and a removed enum value as breaking, a new enum value as dangerous', async () => {
    const before = 'type Query {\n  a: Int\n  b: E\n}\nenum E {\n  WEB_ORDER\n  STORE_SALE\n}\n';
    const removed = before.replace('  a: Int\n', '').replace('  WEB_ORDER\n', '');
    const { breaking } = await schemaChanges(before, removed);
    expect(breaking.map((c) => c.message)).toEqual(expect.arrayContaining([expect.stringContaining("'a' was removed"), expect.stringContaining("'WEB_ORDER' was removed")]));
    const added = api.replace('enum TimelineEventKind {\n', 'enum TimelineEventKind {\n  """New."""\n  ZZ_NEW\n');
    const { breaking: none, dangerous } = await schemaChanges(api, added);
    expect(none).toEqual([]);
    expect(dangerous.map((c) => c.message)).toEqual([expect.stringContaining('ZZ_NEW')]);
  });
});

describe('schema:lint:check', () => {
  it('passes on the checked-in schemas', () => {
    expect(lintApiSchema(api)).toEqual([]);
    expect(lintPii(supergraph)).toEqual([]);
  });

  it('reports a missing description, bad names and a personal field without @pii', () => {
    const sdl = `"""Q."""\ntype Query {\n  """A."""\n  a: bad_type\n  b: Int\n}\ntype bad_type {\n  """X."""\n  Bad_Field: String\n}\n"""E."""\nenum E {\n  lower\n}\n`;
    expect(lintApiSchema(sdl)).toEqual(
      expect.arrayContaining(['Query.b: no description', 'bad_type: no description', 'bad_type: not PascalCase', 'bad_type.Bad_Field: not camelCase', 'E.lower: not UPPER_SNAKE_CASE']),
    );
    const unmarked = supergraph.replace(/(\n {2}email: String) @pii\(kind: "email"\)/, '$1');
    expect(lintPii(unmarked)).toEqual([expect.stringMatching(/\.email: named like personal data/)]);
  });
});

describe('composition hints', () => {
  it('fail composition unless accepted with a reason', () => {
    // A shared type described differently by a second subgraph is an INCONSISTENT_DESCRIPTION hint.
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
"""Money, described differently."""
type Money @shareable { amount: String! currencyCode: String! }
type Query { zzHintProbe: Money }`;
    expect(() => composeWith([{ name: 'zz-test-hints', url: 'http://127.0.0.1:1/graphql', sdl }])).toThrow(/INCONSISTENT_DESCRIPTION/);
  });
});
