import { parseArgs } from 'node:util';
import { renderSystem } from './render.ts';

/**
 * `npm run new:system -- <name> [--openapi <file>]`: a new system from the template
 * (scripts/new-system/template, rendered by render.ts). With `--openapi`, the work goes to
 * `generateFromOpenApi(...)` of scripts/new-system/openapi.ts (the OpenAPI generator, a module
 * of its own): this CLI only parses the arguments and hands them over.
 */
const USAGE = 'usage: npm run new:system -- <name> [--openapi <file> [--resources op1,op2] [--types <more documents>]]   (name: lower case, words joined by "-", e.g. loyalty-club)';

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { openapi: { type: 'string' }, resources: { type: 'string' }, types: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new Error(USAGE);

  // The OpenAPI generator names types after the system, so it takes letters and digits only.
  if (values.openapi !== undefined && !/^[a-z][a-z0-9]*$/.test(name)) throw new Error('new:system: with --openapi the name is lower-case letters and digits (e.g. line)');
  const result = renderSystem(name);
  console.log(`wrote ${result.files.length} files for "${name}" (subgraph port ${result.port}, stand-in port ${result.systemPort}):`);
  for (const file of result.files) console.log(`  ${file}`);
  if (values.openapi !== undefined) await fromOpenApi(name, values.openapi, values.resources, values.types);
  console.log(`added "${name}" to subgraphs/registry.json

next:
  npm run compose && npm run codegen     # schema/supergraph.graphql, generated resolver types
  npx vitest run subgraphs/${name}       # its component test
  npm start                              # the stand-in, the subgraph and the hub's feed of it`);
}

/**
 * The template gives a system that composes, starts and feeds identity; the vendor's document then
 * adds its typed client (`src/connector/api.ts`, `client.ts`) and, beside the template's schema and
 * loaders, the document's own as `.draft` files to fold in by hand.
 */
async function fromOpenApi(name: string, spec: string, resources: string | undefined, types: string | undefined): Promise<void> {
  // Loaded only with --openapi: openapi-typescript is large and a plain scaffold does not need it.
  const { generateFromOpenApi } = await import('./openapi.ts');
  const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);
  const files = await generateFromOpenApi({
    name,
    spec,
    outDir: `subgraphs/${name}`,
    drafts: true,
    ...(list(resources) ? { resources: list(resources)! } : {}),
    ...(list(types) ? { types: list(types)! } : {}),
  });
  console.log(`from ${spec}:`);
  for (const file of files) console.log(`  ${file.status.padEnd(7)} ${file.path}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
