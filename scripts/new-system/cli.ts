import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderSystem } from './render.ts';

/**
 * `npm run new:system -- <name> [--openapi <file>]`: a new system from the template
 * (scripts/new-system/template, rendered by render.ts). With `--openapi`, the work goes to
 * `generateFromOpenApi(...)` of scripts/new-system/openapi.ts (the OpenAPI generator, a module
 * of its own): this CLI only parses the arguments and hands them over.
 */
const USAGE = 'usage: npm run new:system -- <name> [--openapi <file>]   (name: lower case, words joined by "-", e.g. loyalty-club)';

/** The OpenAPI generator's entry point, as this CLI calls it. */
export interface OpenApiGenerator {
  generateFromOpenApi(opts: { name: string; openapi: string; root?: string }): Promise<unknown>;
}

const openApiModule = fileURLToPath(new URL('./openapi.ts', import.meta.url));

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { openapi: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new Error(USAGE);

  if (values.openapi !== undefined) {
    if (!existsSync(openApiModule)) throw new Error('new:system: --openapi needs scripts/new-system/openapi.ts (the OpenAPI generator), which this checkout does not have');
    const mod = (await import(pathToFileURL(openApiModule).href)) as Partial<OpenApiGenerator>;
    if (typeof mod.generateFromOpenApi !== 'function') throw new Error('new:system: scripts/new-system/openapi.ts exports no generateFromOpenApi');
    await mod.generateFromOpenApi({ name, openapi: values.openapi });
    return;
  }

  const result = renderSystem(name);
  console.log(`wrote ${result.files.length} files for "${name}" (subgraph port ${result.port}, stand-in port ${result.systemPort}):`);
  for (const file of result.files) console.log(`  ${file}`);
  console.log(`added "${name}" to subgraphs/registry.json

next:
  npm run compose && npm run codegen     # schema/supergraph.graphql, generated resolver types
  npx vitest run subgraphs/${name}       # its component test
  npm start                              # the stand-in, the subgraph and the hub's feed of it`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
