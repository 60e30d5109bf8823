import { existsSync, readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type StringValueNode,
  type TypeDefinitionNode,
} from 'graphql';
import { loadRegistry, rootDir, type SubgraphEntry } from '../../lib/registry.ts';
import type { ExampleOperation } from './example-operations.ts';

/**
 * Reference docs for analysts, served by the gateway at /docs and built once at start from the
 * supergraph it serves: every type and field with its description, which subgraph answers it
 * (the supergraph's join__ directives) and which system stands behind that subgraph
 * (subgraphs/registry.json and the subgraph's README), its personal-data mark (@pii) and the
 * roles that may select it (@requiresRole), and the example operations with links that open
 * each in the explorer. Plain HTML with every text escaped; no script or asset from elsewhere.
 */

export interface SubgraphSystem {
  subgraph: string;
  /** The stand-in system's folder (systems/<name>) when the subgraph wraps one; null for aggregates. */
  system: string | null;
  /** What it wraps, from the first heading of subgraphs/<name>/README.md. */
  about: string;
}

export interface Answerer {
  subgraph: string;
  /** Fields the subgraph needs from others first (`@requires`). */
  requires?: string;
}

export interface FieldDoc {
  name: string;
  type: string;
  description: string;
  args: { name: string; type: string; description: string }[];
  answeredBy: Answerer[];
  pii: string | null;
  roles: string[] | null;
}

export interface TypeDoc {
  name: string;
  kind: 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';
  description: string;
  subgraphs: string[];
  fields: FieldDoc[];
  /** Enum values, union members. */
  members: { name: string; description: string }[];
}

export interface ReferenceModel {
  types: TypeDoc[];
  subgraphs: SubgraphSystem[];
}

/** Subgraph → the system behind it; a subgraph of the supergraph missing from the registry is listed without one. */
function subgraphSystems(registry: readonly SubgraphEntry[] = loadRegistry()): SubgraphSystem[] {
  return registry.map((entry) => {
    const readme = `${rootDir}subgraphs/${entry.name}/README.md`;
    const heading = existsSync(readme) ? (/^#\s+(.+)$/m.exec(readFileSync(readme, 'utf8'))?.[1] ?? '') : '';
    // "pos subgraph: the stores' POS (Square API v2)" → "the stores' POS (Square API v2)".
    const about = heading.replace(new RegExp(`^${entry.name}( subgraph)?\\s*[:—-]\\s*`), '').trim();
    return { subgraph: entry.name, system: entry.system ? entry.name : null, about: about || heading.trim() };
  });
}

const description = (node: { description?: StringValueNode | undefined }) => node.description?.value.trim() ?? '';
const directives = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) => (node.directives ?? []).filter((d) => d.name.value === name);
const argOf = (d: ConstDirectiveNode, name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
const stringArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const v = argOf(d, name);
  return v?.kind === Kind.STRING || v?.kind === Kind.ENUM ? v.value : undefined;
};
const isInternal = (name: string) => name.startsWith('join__') || name.startsWith('link__') || name.startsWith('_');

export function referenceModel(supergraphSdl: string, systems: readonly SubgraphSystem[] = subgraphSystems()): ReferenceModel {
  const ast = parse(supergraphSdl);
  // join__Graph's values name each subgraph: `CRM @join__graph(name: "crm", url: ...)`.
  const graphNames = new Map<string, string>();
  for (const def of ast.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const join = directives(value, 'join__graph')[0];
      graphNames.set(value.name.value, (join && stringArg(join, 'name')) ?? value.name.value.toLowerCase());
    }
  }
  const graph = (d: ConstDirectiveNode) => {
    const g = stringArg(d, 'graph');
    return g ? (graphNames.get(g) ?? g.toLowerCase()) : undefined;
  };

  const types: TypeDoc[] = [];
  for (const def of ast.definitions) {
    if (!isTypeDefinition(def) || isInternal(def.name.value)) continue;
    const typeGraphs = [...new Set(directives(def, 'join__type').flatMap((d) => graph(d) ?? []))];
    const doc: TypeDoc = { name: def.name.value, kind: kindOf(def), description: description(def), subgraphs: typeGraphs, fields: [], members: [] };
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of def.fields ?? []) doc.fields.push(fieldDoc(field, typeGraphs, graph));
    } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
      doc.members = (def.values ?? []).map((v) => ({ name: v.name.value, description: description(v) }));
    } else if (def.kind === Kind.UNION_TYPE_DEFINITION) {
      doc.members = (def.types ?? []).map((t) => ({ name: t.name.value, description: '' }));
    }
    types.push(doc);
  }
  const order = (t: TypeDoc) => (t.name === 'Query' ? 0 : t.name === 'Mutation' ? 1 : 2);
  types.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  const used = new Set(types.flatMap((t) => [...t.subgraphs, ...t.fields.flatMap((f) => f.answeredBy.map((a) => a.subgraph))]));
  const known = new Map(systems.map((s) => [s.subgraph, s]));
  const subgraphs = [...graphNames.values()].filter((name) => used.has(name)).map((name) => known.get(name) ?? { subgraph: name, system: null, about: '' });
  return { types, subgraphs };
}

function fieldDoc(field: FieldDefinitionNode | InputValueDefinitionNode, typeGraphs: string[], graph: (d: ConstDirectiveNode) => string | undefined): FieldDoc {
  // A field with join__field directives is answered by the graphs that do not merely mark it
  // @external (an @override moves it to the overriding graph); without any, by every graph of its type.
  const joins = directives(field, 'join__field');
  const answeredBy: Answerer[] = joins.length
    ? joins.flatMap((d) => {
        const external = argOf(d, 'external');
        const overridden = argOf(d, 'usedOverridden');
        const name = graph(d);
        if (!name || (external?.kind === Kind.BOOLEAN && external.value) || (overridden?.kind === Kind.BOOLEAN && overridden.value)) return [];
        const requires = stringArg(d, 'requires');
        return [requires ? { subgraph: name, requires } : { subgraph: name }];
      })
    : typeGraphs.map((subgraph) => ({ subgraph }));
  const pii = directives(field, 'pii')[0];
  const role = directives(field, 'requiresRole')[0];
  const roles = role ? argOf(role, 'roles') : undefined;
  return {
    name: field.name.value,
    type: print(field.type),
    description: description(field),
    args: field.kind === Kind.FIELD_DEFINITION ? (field.arguments ?? []).map((a) => ({ name: a.name.value, type: print(a.type) + (a.defaultValue ? ` = ${print(a.defaultValue)}` : ''), description: description(a) })) : [],
    answeredBy,
    pii: (pii && stringArg(pii, 'kind')) ?? null,
    roles: roles?.kind === Kind.LIST ? roles.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : null,
  };
}

function isTypeDefinition(def: DefinitionNode): def is TypeDefinitionNode {
  return [Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.UNION_TYPE_DEFINITION, Kind.ENUM_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.SCALAR_TYPE_DEFINITION].includes(def.kind);
}

function kindOf(def: TypeDefinitionNode): TypeDoc['kind'] {
  switch (def.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
      return 'object';
    case Kind.INTERFACE_TYPE_DEFINITION:
      return 'interface';
    case Kind.UNION_TYPE_DEFINITION:
      return 'union';
    case Kind.ENUM_TYPE_DEFINITION:
      return 'enum';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return 'input';
    default:
      return 'scalar';
  }
}

// ---- HTML -------------------------------------------------------------------------------------

/** Every text the page shows goes through this (descriptions, names, operations). */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const anchor = (type: string, field?: string) => (field ? `${type}.${field}` : type);

/** The explorer URL that opens one example operation in its own tab. */
const explorerLink = (operation: string) => `/?operation=${encodeURIComponent(operation)}`;

/** Type names inside a printed type (`[Customer!]!`) become links to their sections. */
function typeRef(printed: string, known: ReadonlySet<string>): string {
  return esc(printed).replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => (known.has(name) ? `<a href="#${esc(anchor(name))}">${name}</a>` : name));
}

function answeredBy(field: FieldDoc, systems: ReadonlyMap<string, SubgraphSystem>): string {
  if (field.answeredBy.length === 0) return '';
  const items = field.answeredBy.map((a) => {
    const system = systems.get(a.subgraph);
    const behind = system?.system ? `system <span class="system">${esc(system.system)}</span>${system.about ? `: ${esc(system.about)}` : ''}` : 'no vendor system behind it';
    const requires = a.requires ? `, after reading ${topFields(a.requires).map((f) => `<code>${esc(f)}</code>`).join(', ')} from the subgraphs answering them` : '';
    return `<span class="subgraph" data-subgraph="${esc(a.subgraph)}">${esc(a.subgraph)}</span> (${behind}${requires})`;
  });
  return `<div class="answered">answered by ${items.join('; ')}</div>`;
}

/** `links { system } crmTimeline { id }` → links, crmTimeline. */
function topFields(selection: string): string[] {
  try {
    const op = parse(`{ ${selection} }`).definitions[0];
    return op?.kind === Kind.OPERATION_DEFINITION ? op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [selection];
  } catch {
    return [selection];
  }
}

function fieldHtml(type: TypeDoc, field: FieldDoc, known: ReadonlySet<string>, systems: ReadonlyMap<string, SubgraphSystem>): string {
  const args = field.args.length ? `(${field.args.map((a) => `${esc(a.name)}: ${typeRef(a.type, known)}`).join(', ')})` : '';
  const marks = [
    field.pii ? `<span class="pii" title="personal data: masked for callers without a raw-PII role">PII: ${esc(field.pii)}</span>` : '',
    field.roles ? `<span class="roles" title="only these roles (and admin) may select it">roles: ${esc(field.roles.join(', '))}</span>` : '',
  ].join(' ');
  const argDocs = field.args.filter((a) => a.description).map((a) => `<li><code>${esc(a.name)}</code>: ${esc(a.description)}</li>`);
  return `<li class="field" id="${esc(anchor(type.name, field.name))}" data-pii="${esc(field.pii ?? '')}">
  <code class="signature"><b>${esc(field.name)}</b>${args}: ${typeRef(field.type, known)}</code> ${marks}
  ${field.description ? `<p>${esc(field.description)}</p>` : ''}
  ${argDocs.length ? `<ul class="args">${argDocs.join('')}</ul>` : ''}
  ${answeredBy(field, systems)}
</li>`;
}

function typeHtml(type: TypeDoc, known: ReadonlySet<string>, systems: ReadonlyMap<string, SubgraphSystem>): string {
  const from = type.subgraphs.length ? `<div class="answered">defined in ${type.subgraphs.map((s) => `<span class="subgraph">${esc(s)}</span>`).join(', ')}</div>` : '';
  const body =
    type.fields.length > 0
      ? `<ul class="fields">${type.fields.map((f) => fieldHtml(type, f, known, systems)).join('\n')}</ul>`
      : type.members.length > 0
        ? `<ul class="members">${type.members.map((m) => `<li><code>${known.has(m.name) ? `<a href="#${esc(anchor(m.name))}">${esc(m.name)}</a>` : esc(m.name)}</code>${m.description ? ` ${esc(m.description)}` : ''}</li>`).join('')}</ul>`
        : '';
  return `<section class="type" id="${esc(anchor(type.name))}">
<h3>${esc(type.name)} <small>${esc(type.kind)}</small></h3>
${type.description ? `<p>${esc(type.description)}</p>` : ''}
${from}
${body}
</section>`;
}

function operationHtml(op: ExampleOperation): string {
  return `<section class="operation" id="op-${esc(op.name)}">
<h3>${esc(op.name)} <small>${esc(op.kind)}</small> <a class="open" href="${esc(explorerLink(op.name))}">open in the explorer</a></h3>
${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p class="file">${esc(op.file)}</p>
<details><summary>the document</summary><pre>${esc(op.document)}</pre></details>
</section>`;
}

export function renderReferenceDocs(model: ReferenceModel, operations: readonly ExampleOperation[]): string {
  const known = new Set(model.types.map((t) => t.name));
  const systems = new Map(model.subgraphs.map((s) => [s.subgraph, s]));
  const piiFields = model.types.flatMap((t) => t.fields.filter((f) => f.pii).map((f) => ({ t, f })));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Omnigraph reference</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; display: flex; color: #1b1f24; }
  nav { width: 260px; flex: none; height: 100vh; overflow-y: auto; position: sticky; top: 0; border-right: 1px solid #ddd; padding: 12px; box-sizing: border-box; background: #fafafa; }
  [hidden] { display: none !important; }
  nav input { width: 100%; box-sizing: border-box; margin: 6px 0; }
  nav a { display: block; color: #0b5cad; text-decoration: none; padding: 1px 0; }
  main { padding: 16px 28px; max-width: 1100px; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f4f4f4; padding: 10px; overflow-x: auto; }
  .type, .operation { border-top: 1px solid #e3e3e3; padding-top: 6px; }
  h3 small { color: #777; font-weight: normal; }
  .fields { list-style: none; padding-left: 0; }
  .field { margin: 8px 0 12px; }
  .field p { margin: 2px 0 2px 16px; }
  .answered { margin-left: 16px; color: #555; font-size: 12px; }
  .subgraph { font-weight: 600; color: #5b3aa8; }
  .pii { background: #fde8e8; color: #a21b1b; border-radius: 3px; padding: 0 5px; font-size: 12px; }
  .roles { background: #e6f0ff; color: #1b4fa2; border-radius: 3px; padding: 0 5px; font-size: 12px; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
  a.open { font-size: 13px; font-weight: normal; margin-left: 8px; }
</style>
</head>
<body>
<nav>
  <b>Omnigraph reference</b>
  <input id="filter" type="search" placeholder="Filter types" aria-label="Filter types" />
  <a href="/">Explorer</a>
  <a href="#subgraphs">Subgraphs and systems</a>
  <a href="#pii">Personal data</a>
  <a href="#operations">Example operations</a>
  <hr />
  ${model.types.map((t) => `<a class="type-link" href="#${esc(anchor(t.name))}">${esc(t.name)}</a>`).join('\n  ')}
</nav>
<main>
<h1>Omnigraph reference</h1>
<p>Every type and field of the one endpoint (<code>/graphql</code>), generated from the supergraph this gateway serves.
Each field says which subgraph answers it and which system stands behind that subgraph. Fields marked
<span class="pii">PII</span> are personal data: callers without a raw-PII role (analysts, callers with no role) read them masked.
Fields marked <span class="roles">roles</span> are refused (<code>FORBIDDEN</code>) to callers without one of those roles.
Try any <a href="#operations">example operation</a> in the <a href="/">explorer</a>.</p>

<h2 id="subgraphs">Subgraphs and systems</h2>
<table><tr><th>subgraph</th><th>system behind it</th><th>what it is</th></tr>
${model.subgraphs.map((s) => `<tr><td class="subgraph">${esc(s.subgraph)}</td><td>${s.system ? esc(`systems/${s.system}`) : 'none (its own data, or what the others expose)'}</td><td>${esc(s.about)}</td></tr>`).join('\n')}
</table>

<h2 id="pii">Personal data (${piiFields.length} fields)</h2>
<p>${piiFields.map(({ t, f }) => `<a href="#${esc(anchor(t.name, f.name))}"><code>${esc(`${t.name}.${f.name}`)}</code></a> <span class="pii">${esc(f.pii ?? '')}</span>`).join(', ')}</p>

<h2 id="operations">Example operations</h2>
<p>The files in <code>schema/operations/</code>: typed documents for clients are generated from them, and trusted-documents mode registers them.
Each link opens the operation in the explorer in its own tab, with its variables to fill in.</p>
${operations.map(operationHtml).join('\n')}

<h2 id="types">Types</h2>
${model.types.map((t) => typeHtml(t, known, systems)).join('\n')}
</main>
<script>
  // The type list's filter: hides the names (and type sections) that do not contain the text.
  document.getElementById('filter').addEventListener('input', (event) => {
    const text = event.target.value.toLowerCase();
    for (const link of document.querySelectorAll('a.type-link')) link.hidden = !link.textContent.toLowerCase().includes(text);
    for (const section of document.querySelectorAll('section.type')) section.hidden = text !== '' && !section.id.toLowerCase().includes(text);
  });
</script>
</body>
</html>
`;
}
