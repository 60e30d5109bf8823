import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supergraphWithUrls } from '../bench/lib/supergraph.ts';
import { ProcessGroup } from '../scripts/supervise.ts';
import { postGraphQL } from './helpers/component.ts';
import { startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * Hive Gateway (bench/gateways/hive.ts, the benchmark's runner) loads the product supergraph
 * (schema/supergraph.graphql) and answers a journey through it: the timeline vocabulary is
 * defined once (schema/vocabulary.graphql), so no "Multiple canonical definitions" refusal.
 * The same operation through Omnigraph's gateway is the reference answer.
 */
let stack: TestStack;
let hive: ProcessGroup;
let hiveUrl: string;

const JOURNEY = readFileSync(new URL('../schema/operations/CustomerJourney.graphql', import.meta.url), 'utf8');

beforeAll(async () => {
  stack = await startTestStack();
  const dir = mkdtempSync(join(tmpdir(), 'omnigraph-hive-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphWithUrls(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'), stack.subgraphs));
  hive = new ProcessGroup();
  hiveUrl = await hive.start('hive', 'bench/gateways/hive.ts', { PORT: '0', SUPERGRAPH_PATH: supergraphPath, INTERNAL_SIGNING_KEY: stack.internalKey });
});

afterAll(async () => {
  await hive?.stop();
  await stack?.stop();
});

describe('Hive Gateway on the product supergraph', () => {
  it('answers a customer journey across every system exactly as Omnigraph does', async () => {
    const page = await stack.query<{ customers: { edges: { node: { id: string } }[] } }>('{ customers(first: 20) { edges { node { id } } } }');
    expect(page.errors).toBeUndefined();
    const ids = page.data?.customers.edges.map((e) => e.node.id) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    let systemsSeen = new Set<string>();
    for (const id of ids.slice(0, 5)) {
      const variables = { id, first: 50 };
      const viaHive = await postGraphQL<{ customer: { journey: { nodes: { system: string; kind: string }[] } } }>(hiveUrl, JOURNEY, variables);
      const viaOmnigraph = await stack.query(JOURNEY, variables);
      expect(viaHive.errors).toBeUndefined();
      expect(viaHive.data).toEqual(viaOmnigraph.data);
      systemsSeen = new Set([...systemsSeen, ...(viaHive.data?.customer.journey.nodes.map((n) => n.system) ?? [])]);
    }
    // The answers hold events contributed by more than one system (the shared TimelineEvent type at work).
    expect(systemsSeen.size).toBeGreaterThan(1);
  });
});
