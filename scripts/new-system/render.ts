import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry, rootDir } from '../../lib/registry.ts';

/**
 * Renders scripts/new-system/template into a repository: the subgraph, its stand-in, the
 * stand-in's small data set, its data generator module and its component test, then adds the
 * registry entry. Every file of the template is copied with its placeholders replaced:
 *   __name__   the registry name (`loyalty-club`)
 *   __camel__  the GraphQL field prefix (`loyaltyClub`: `Customer.loyaltyClubTimeline`)
 *   __Name__   the GraphQL type prefix (`LoyaltyClub`: `LoyaltyClubMember`)
 * in file contents and in paths.
 */
export const templateDir = fileURLToPath(new URL('./template', import.meta.url));

export interface SystemNames {
  name: string;
  camel: string;
  pascal: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names the product already uses for something else (GraphQL prefixes or process names). */
const RESERVED = new Set(['gateway', 'system', 'systems', 'lib', 'generate', 'test', 'schema', 'customer', 'query', 'mutation']);

export function systemNames(name: string): SystemNames {
  if (!NAME.test(name)) throw new Error(`new:system: "${name}" is not a valid name (lower case letters and digits, words joined by "-", e.g. loyalty-club)`);
  if (RESERVED.has(name)) throw new Error(`new:system: "${name}" is reserved`);
  const words = name.split('-');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return { name, camel: words[0] + words.slice(1).map(cap).join(''), pascal: words.map(cap).join('') };
}

const fill = (text: string, n: SystemNames) => text.replaceAll('__name__', n.name).replaceAll('__camel__', n.camel).replaceAll('__Name__', n.pascal);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The next free ports after the registry's highest: subgraphs count up from 4001, stand-ins from 4101. */
function nextPorts(registryFile: string): { port: number; systemPort: number } {
  const entries = loadRegistry(new URL(`file://${registryFile}`));
  return {
    port: Math.max(...entries.map((e) => e.port)) + 1,
    systemPort: Math.max(...entries.map((e) => e.system?.port ?? 0)) + 1,
  };
}

/**
 * Adds `{ "name", "port", "system": { "port" } }` as the registry's last entry, editing the text
 * (one added line; the file keeps its layout).
 */
function addRegistryEntry(registryFile: string, name: string): { port: number; systemPort: number } {
  const { port, systemPort } = nextPorts(registryFile);
  const text = readFileSync(registryFile, 'utf8');
  const end = text.lastIndexOf('\n  ]');
  if (end < 0) throw new Error(`${registryFile}: no "subgraphs" list to add to`);
  const line = `    { "name": "${name}", "port": ${port}, "system": { "port": ${systemPort} } }`;
  writeFileSync(registryFile, `${text.slice(0, end)},\n${line}${text.slice(end)}`);
  return { port, systemPort };
}

export interface RenderResult {
  names: SystemNames;
  files: string[];
  port: number;
  systemPort: number;
}

/** Writes the new system into `root` (default: this repository). Refuses a name already registered or with existing folders. */
export function renderSystem(name: string, root: string = rootDir): RenderResult {
  const names = systemNames(name);
  const registryFile = join(root, 'subgraphs/registry.json');
  if (loadRegistry(new URL(`file://${registryFile}`)).some((e) => e.name === name)) throw new Error(`new:system: "${name}" is already in subgraphs/registry.json`);
  for (const dir of [`subgraphs/${name}`, `systems/${name}`]) {
    if (existsSync(join(root, dir))) throw new Error(`new:system: ${dir} already exists`);
  }
  const files: string[] = [];
  for (const source of walk(templateDir)) {
    const target = join(root, fill(relative(templateDir, source), names));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fill(readFileSync(source, 'utf8'), names));
    files.push(relative(root, target));
  }
  const ports = addRegistryEntry(registryFile, name);
  return { names, files: files.sort(), ...ports };
}
