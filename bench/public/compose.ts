import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PUBLIC_SUBGRAPHS, typeDefsOf } from './subgraphs/schema.ts';

/**
 * Composes the public scenario's four subgraphs into bench/public/supergraph.graphql, a
 * checked-in file every gateway under test reads. The URLs in it are placeholders
 * (127.0.0.1:4201-4204); the harness starts the subgraphs on free ports and writes a copy
 * with the real URLs (`supergraphWithUrls`), so all gateways read byte-identical plans.
 *
 *   npx tsx bench/public/compose.ts           write the file
 *   npx tsx bench/public/compose.ts --check   fail when the file is stale
 */
export const supergraphFile = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
export const placeholderUrl = (name: string) => `http://127.0.0.1:${4201 + PUBLIC_SUBGRAPHS.indexOf(name as never)}/graphql`;

export function composePublic(): string {
  const result = composeServices(PUBLIC_SUBGRAPHS.map((name) => ({ name, url: placeholderUrl(name), typeDefs: typeDefsOf(name) })));
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sdl = composePublic();
  if (process.argv.includes('--check')) {
    if (readFileSync(supergraphFile, 'utf8') !== sdl) {
      console.error(`${supergraphFile} is stale: run npx tsx bench/public/compose.ts`);
      process.exit(1);
    }
    console.log('bench/public/supergraph.graphql is up to date');
  } else {
    writeFileSync(supergraphFile, sdl);
    console.log(`wrote ${supergraphFile}`);
  }
}
