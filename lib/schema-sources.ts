import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, visit, type DocumentNode } from 'graphql';

/**
 * The SDL a subgraph is built from: its own schema.graphql plus, when it uses them, the
 * shared timeline vocabulary (schema/vocabulary.graphql). Composition, codegen and every
 * subgraph server read schemas through here, so the vocabulary has one definition and a new
 * event kind or channel is one edit. A subgraph never copies a vocabulary type: a copy is an
 * error (it would drift, and it made Hive Gateway refuse the supergraph).
 */
export const vocabularyFile = fileURLToPath(new URL('../schema/vocabulary.graphql', import.meta.url));

let vocabularyCache: { text: string; names: Set<string> } | null = null;
function vocabulary(): { text: string; names: Set<string> } {
  if (vocabularyCache) return vocabularyCache;
  const text = readFileSync(vocabularyFile, 'utf8');
  const names = new Set<string>();
  for (const def of parse(text).definitions) if ('name' in def && def.name) names.add(def.name.value);
  return (vocabularyCache = { text, names });
}

/** The vocabulary type names (for tools that check or render schemas). */
export const vocabularyTypeNames = (): ReadonlySet<string> => vocabulary().names;

/** Whether this SDL references a vocabulary type (and so needs the vocabulary appended). Throws on a copy. */
export function usesVocabulary(sdl: string, label = 'schema'): boolean {
  const { names } = vocabulary();
  const doc = parse(sdl);
  const copies = doc.definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION && 'name' in d && d.name && names.has(d.name.value));
  if (copies.length > 0) {
    const list = copies.map((d) => ('name' in d && d.name ? d.name.value : '')).join(', ');
    throw new Error(`${label}: defines ${list}, which schema/vocabulary.graphql owns; remove the copy`);
  }
  let uses = false;
  visit(doc, {
    NamedType(node) {
      if (names.has(node.name.value)) uses = true;
    },
  });
  return uses;
}

/** A subgraph's own SDL with the vocabulary appended when it uses it. */
export function withVocabulary(sdl: string, label?: string): string {
  return usesVocabulary(sdl, label) ? `${sdl.trimEnd()}\n\n${vocabulary().text}` : sdl;
}

/** The parsed schema of a subgraph from its schema.graphql (what servers build from). */
export function loadSubgraphTypeDefs(schemaFile: URL | string): DocumentNode {
  const path = typeof schemaFile === 'string' ? schemaFile : fileURLToPath(schemaFile);
  return parse(withVocabulary(readFileSync(path, 'utf8'), path));
}

/** The schema files of a subgraph, for tools that take a list (codegen). */
export function subgraphSchemaFiles(schemaFile: string): string[] {
  return usesVocabulary(readFileSync(schemaFile, 'utf8'), schemaFile) ? [schemaFile, vocabularyFile] : [schemaFile];
}
