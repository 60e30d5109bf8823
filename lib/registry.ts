import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The list of subgraphs (subgraphs/registry.json). Composition, codegen, the launcher
 * and the identity hub's feed list all read it, so adding a system is one entry here.
 * Convention over configuration for the rest:
 *   subgraphs/<name>/schema.graphql, subgraphs/<name>/src/index.ts,
 *   systems/<name>/src/index.ts when the entry has a stand-in system.
 */
export interface SubgraphEntry {
  name: string;
  port: number;
  /**
   * `changes`: how the system's identity feed answers `since`: through the vendor's own updated-at
   * filter (the default), or from the webhooks this subgraph received (LINE and Zalo have no
   * updated-since read; their events are the change feed).
   */
  system: { port: number; changes?: 'updated-at' | 'webhooks' } | null;
}

export const rootDir = fileURLToPath(new URL('..', import.meta.url));

export function loadRegistry(file = new URL('../subgraphs/registry.json', import.meta.url)): SubgraphEntry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { subgraphs: SubgraphEntry[] };
  const names = new Set<string>();
  for (const entry of parsed.subgraphs) {
    if (!/^[a-z][a-z0-9-]*$/.test(entry.name)) throw new Error(`registry: bad subgraph name "${entry.name}"`);
    if (names.has(entry.name)) throw new Error(`registry: duplicate subgraph "${entry.name}"`);
    names.add(entry.name);
  }
  return parsed.subgraphs;
}

export const schemaPath = (name: string) => `${rootDir}subgraphs/${name}/schema.graphql`;
export const defaultSubgraphUrl = (entry: SubgraphEntry) => `http://127.0.0.1:${entry.port}/graphql`;

/** Embedded defaults for one subgraph: its port and, for channel subgraphs, its stand-in system's base URL. */
export function subgraphDefaults(name: string): { port: number; upstreamUrl: string } {
  const entry = loadRegistry().find((e) => e.name === name);
  if (!entry) throw new Error(`registry: no subgraph "${name}"`);
  return { port: entry.port, upstreamUrl: entry.system ? `http://127.0.0.1:${entry.system.port}` : '' };
}
