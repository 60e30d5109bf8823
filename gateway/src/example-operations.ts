import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, valueFromASTUntyped, type TypeNode, Kind } from 'graphql';
import { rootDir } from '../../lib/registry.ts';

/**
 * The example operations of schema/operations (the ones frontend teams generate typed documents
 * from and trusted-documents mode registers), read once at gateway start for the reference docs
 * (/docs) and the explorer's tabs. Each file holds one operation; its leading `#` lines say what
 * it is for.
 */
export interface ExampleOperation {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** schema/operations/<name>.graphql, relative to the repository. */
  file: string;
  /** The file's leading comment lines, without `#`. */
  description: string;
  document: string;
  /** The root fields it selects (`customer`, `markPickupReady`). */
  rootFields: string[];
  /** A variables object to start from: defaults where the operation has them, an empty value of the right type otherwise. */
  variables: Record<string, unknown>;
}

const dir = join(rootDir, 'schema/operations');

export function loadExampleOperations(): ExampleOperation[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return files.flatMap((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const ast = parse(text);
    return ast.definitions.flatMap((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) return [];
      const variables: Record<string, unknown> = {};
      for (const v of definition.variableDefinitions ?? []) {
        // A default as JSON (`$first: Int = 50` → 50), else an empty value to fill in.
        variables[v.variable.name.value] = v.defaultValue ? valueFromASTUntyped(v.defaultValue) : emptyValueOf(v.type);
      }
      return [
        {
          name: definition.name.value,
          kind: definition.operation,
          file: `schema/operations/${file}`,
          description: leadingComment(text),
          document: text.trim() + '\n',
          variables,
          rootFields: definition.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
        },
      ];
    });
  });
}

function leadingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines.join(' ').trim();
}

/** A required variable gets an empty value to fill in (`""` for an ID, `{}` for an input); an optional one `null`. */
function emptyValueOf(type: TypeNode): unknown {
  if (type.kind !== Kind.NON_NULL_TYPE) return null;
  if (type.type.kind === Kind.LIST_TYPE) return [];
  const name = type.type.name.value;
  if (name === 'Int' || name === 'Float') return 0;
  if (name === 'Boolean') return false;
  if (name === 'ID' || name === 'String' || name === 'DateTime') return '';
  return {};
}
