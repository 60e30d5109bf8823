import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, printSchema } from 'graphql';
import { defaultSubgraphUrl, loadRegistry, rootDir, schemaPath } from '../lib/registry.ts';

/**
 * Composes every registered subgraph's schema.graphql into schema/supergraph.graphql.
 * The supergraph is a checked-in artefact: the gateway never composes at run time, and
 * CI (`compose:check`) fails when this file is stale. The URLs written here are the
 * embedded defaults; the gateway overrides them per environment.
 */
export function compose(): { supergraph: string; apiSchema: string } {
  const services = loadRegistry().map((entry) => ({
    name: entry.name,
    url: defaultSubgraphUrl(entry),
    typeDefs: parse(readFileSync(schemaPath(entry.name), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  for (const hint of result.hints ?? []) console.warn(`hint: ${hint.definition.code}: ${hint.message}`);
  return { supergraph: result.supergraphSdl, apiSchema: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
}

export const supergraphFile = `${rootDir}schema/supergraph.graphql`;
/** The schema clients see (no federation machinery, no @inaccessible fields): for client codegen and analysts. */
export const apiSchemaFile = `${rootDir}schema/supergraph-api.graphql`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { supergraph, apiSchema } = compose();
  writeFileSync(supergraphFile, supergraph);
  writeFileSync(apiSchemaFile, `${apiSchema}\n`);
  console.log(`wrote ${supergraphFile} and ${apiSchemaFile}`);
}
