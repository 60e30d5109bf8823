import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { parse } from './graphql.ts';
import { compileShape, computeResponse, SchemaIndex, type ShapeSelection } from './shape.ts';

// The one graphql-js instance the executor uses (see ./graphql.ts).
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const schema = buildSchema(`
  type Query { node: Node, name: String }
  type Node { id: ID!, name: String, next: Node }
`);

/**
 * A chain of fragments, each level spread by two fragments of the level above and each fragment
 * spreading both of the level below: `levels` deep, 2^levels copies once expanded. Spreads of
 * two different fragments, so a compiler must share work per fragment, not only drop a
 * repeated spread.
 */
function fragmentChain(levels: number): string {
  const lines = ['query Chain { node { ...A0 ...B0 } }'];
  for (let i = 0; i < levels; i++) {
    const below = i + 1 < levels ? `...A${i + 1} ...B${i + 1}` : 'name';
    lines.push(`fragment A${i} on Node { id ${below} }`, `fragment B${i} on Node { name ${below} }`);
  }
  return lines.join('\n');
}

/** The fragments record the compiler reads, counting every lookup and giving up past `budget`. */
function countingFragments(definitions: FragmentDefinitionNode[], budget: number) {
  const counter = { lookups: 0 };
  const target = Object.fromEntries(definitions.map((d) => [d.name.value, d]));
  const fragments = new Proxy(target, {
    get(object, name) {
      if (typeof name === 'string' && name in object) {
        counter.lookups++;
        if (counter.lookups > budget) throw new Error(`compileShape looked up fragments ${counter.lookups} times: exponential in the fragments' depth`);
      }
      return Reflect.get(object, name);
    },
  });
  return { fragments, counter };
}

function compile(source: string, budget: number) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const definitions = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition');
  const { fragments, counter } = countingFragments(definitions, budget);
  return { program: compileShape(schema, operation, fragments, {}), counter, spreads: (source.match(/\.\.\./g) ?? []).length };
}

/** Distinct compiled selections reachable from the program (shared lists counted once). */
function distinctSelections(selections: ShapeSelection[], seen = new Set<ShapeSelection[]>()): number {
  if (seen.has(selections)) return 0;
  seen.add(selections);
  let n = selections.length;
  for (const sel of selections) if (sel.selections) n += distinctSelections(sel.selections, seen);
  return n;
}

describe('compileShape', () => {
  it('compiles a 40-deep chain of fragments (2^40 once expanded) with one lookup per spread in the text', () => {
    const { program, counter, spreads } = compile(fragmentChain(40), 1_000);
    expect(counter.lookups).toBe(spreads);
    // The program is a DAG: every fragment's list compiled once and shared by both spreads of it.
    expect(distinctSelections(program.selections)).toBeLessThan(10 * spreads);
  });

  it('keeps one copy of a fragment spread twice under the same conditions, and answers the same', () => {
    const once = compile('{ node { ...N } } fragment N on Node { id name }', 100).program;
    const twice = compile('{ node { ...N ...N name } } fragment N on Node { id name }', 100).program;
    const nodeOf = (selections: ShapeSelection[]) => (selections[0]?.selections ?? []).filter((s) => s.kind === 1);
    expect(nodeOf(once.selections)).toHaveLength(1);
    expect(nodeOf(twice.selections)).toHaveLength(1);
    const input = { node: { __typename: 'Node', id: '1', name: 'Ada' } };
    const answer = (program: typeof once) => computeResponse(program, structuredClone(input), schema, new SchemaIndex(schema), {}, () => null);
    expect(answer(twice)).toEqual(answer(once));
    expect(answer(once).data).toEqual({ node: { id: '1', name: 'Ada' } });
  });

  it('keeps spreads with different conditions apart', () => {
    const { program } = compile('query Q($a: Boolean!) { node { ...N @include(if: $a) ...N } } fragment N on Node { id }', 100);
    expect((program.selections[0]?.selections ?? []).filter((s) => s.kind === 1)).toHaveLength(2);
  });

  it('refuses a fragment that spreads itself instead of recursing forever (validation normally rejects it first)', () => {
    expect(() => compile('{ node { ...N } } fragment N on Node { id next { ...N } }', 100)).toThrow(/spreads itself/);
    expect(() => compile('{ node { ...N } } fragment N on Node { id ...N }', 100)).toThrow(/spreads itself/);
  });
});
