import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { Change } from '@graphql-inspector/core';
import { rootDir } from '../../lib/registry.ts';
import { apiSchemaFile } from '../compose.ts';

// GraphQL Inspector and the schemas it compares must share one graphql-js instance: both are
// loaded as CommonJS, so ESM-first loaders (vitest) do not hand it schemas from the other build.
const require = createRequire(import.meta.url);
const { CriticalityLevel, diff } = require('@graphql-inspector/core') as typeof import('@graphql-inspector/core');
const { buildSchema } = require('graphql') as typeof import('graphql');

/**
 * `npm run schema:breaking:check`: the API schema (schema/supergraph-api.graphql, what clients
 * see) against the last released one kept in the repo (schema/released/api.graphql), with
 * GraphQL Inspector. A breaking change (a removed field or enum value, a type changed, a new
 * required argument...) fails CI; dangerous ones (a new enum value clients may not handle) are
 * listed. After a release, `npm run schema:release` makes the current API schema the baseline.
 */
export const releasedFile = `${rootDir}schema/released/api.graphql`;

export async function schemaChanges(releasedSdl: string, currentSdl: string): Promise<{ breaking: Change[]; dangerous: Change[]; safe: Change[] }> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const of = (level: (typeof CriticalityLevel)[keyof typeof CriticalityLevel]) => changes.filter((c) => c.criticality.level === level);
  return { breaking: of(CriticalityLevel.Breaking), dangerous: of(CriticalityLevel.Dangerous), safe: of(CriticalityLevel.NonBreaking) };
}

const line = (c: Change) => `- ${c.message}${c.criticality.reason ? ` (${c.criticality.reason})` : ''}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--release')) {
    mkdirSync(dirname(releasedFile), { recursive: true });
    copyFileSync(apiSchemaFile, releasedFile);
    console.log(`schema:release: ${releasedFile} is now the current API schema`);
  } else {
    const { breaking, dangerous, safe } = await schemaChanges(readFileSync(releasedFile, 'utf8'), readFileSync(apiSchemaFile, 'utf8'));
    if (dangerous.length > 0) console.warn(`schema:breaking:check: ${dangerous.length} dangerous change(s) since the released schema:\n${dangerous.map(line).join('\n')}`);
    if (breaking.length > 0) {
      console.error(
        `schema:breaking:check: ${breaking.length} breaking change(s) against schema/released/api.graphql:\n${breaking.map(line).join('\n')}\n` +
          'Keep the old field (deprecate it with @deprecated) or, for a planned major release, run `npm run schema:release`.',
      );
      process.exit(1);
    }
    console.log(`schema:breaking:check: no breaking change against the released schema (${safe.length} safe, ${dangerous.length} dangerous)`);
  }
}
