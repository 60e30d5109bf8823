import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiSchemaFile, compose, supergraphFile } from './compose.ts';
import { loadRegistry, rootDir, schemaPath } from '../lib/registry.ts';

/**
 * `compose:check` and `codegen:check`: regenerate and fail when the checked-in
 * artefacts differ, so a schema change never lands without its supergraph or types.
 */
const what = process.argv[2];
const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

function fail(files: string[], fix: string): never {
  console.error(`Stale generated files:\n${files.map((f) => `  ${f}`).join('\n')}\nRun \`${fix}\` and commit the result.`);
  process.exit(1);
}

if (what === 'compose') {
  const { supergraph, apiSchema, schemas } = compose();
  const stale = [
    read(supergraphFile) === supergraph ? null : supergraphFile,
    read(apiSchemaFile) === `${apiSchema}\n` ? null : apiSchemaFile,
    // Aggregate subgraphs' generated blocks (journey's @requires of every *Timeline field).
    ...Object.entries(schemas).map(([name, sdl]) => (read(schemaPath(name)) === sdl ? null : schemaPath(name))),
  ].filter((f): f is string => f !== null);
  if (stale.length) fail(stale, 'npm run compose');
  console.log('compose:check: supergraph is up to date');
} else if (what === 'codegen') {
  const generatedFiles = () => {
    const dirs = [...loadRegistry().map(({ name }) => join(rootDir, 'subgraphs', name, 'src', 'generated')), join(rootDir, 'schema', 'generated')];
    return dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : []));
  };
  const before = new Map(generatedFiles().map((f) => [f, read(f)]));
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], { cwd: rootDir, stdio: 'inherit' });
  const after = generatedFiles();
  const stale = after.filter((f) => before.get(f) !== read(f));
  if (stale.length) fail(stale, 'npm run codegen');
  console.log('codegen:check: generated code is up to date');
} else {
  console.error('usage: check-generated.ts compose|codegen');
  process.exit(2);
}
