import { Kind, parse, print, stripIgnoredCharacters, visit } from './graphql.ts';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, OperationDefinitionNode, VariableDefinitionNode } from 'graphql';
import type { FetchNode } from '@apollo/query-planner';
import { parseSubgraphResponse, type ForwardHeaders, type SubgraphClient, type SubgraphResponse } from './transport.ts';

/**
 * Entity fetches of one operation that become ready together and go to the same subgraph
 * travel in one HTTP request (what Hive Gateway does, and what @apollo/gateway does not):
 * plan branches of a `Parallel`, and the next steps of `Sequence`s that the same response
 * unblocked. Each `_entities` fetch waits in a per-subgraph queue of the operation until the
 * queue is flushed (`tick`: once the microtasks that made it ready have run; `immediate`:
 * after the event loop's I/O phase too, so responses that arrived together also merge). A
 * queue of one is sent as it is. Several become one document:
 *
 *   query A__batched($_0_representations:[_Any!]!, $_1_representations:[_Any!]!)
 *   { _0: _entities(representations: $_0_representations) { ...Review__0 }
 *     _1: _entities(representations: $_1_representations) { ... } }
 *
 * with every variable of part i renamed `_i_<name>` and every fragment `<name>__i` (both
 * injective, so parts never collide), and the answer is split back into one response per part
 * (`_i` → `_entities`, errors under `_i` re-pathed to `_entities`, errors with no part given
 * to every part, as each separate request would have returned them). Whenever the merged
 * answer cannot stand for the separate ones (non-2xx, not JSON, `data` null because one
 * part's `_entities` failed, a part missing) the parts are sent again one by one, so what
 * the client sees is what unbatched fetches give; only a subgraph that cannot be reached at
 * all fails every part at once with the same error, as each separate call would.
 */

export type EntityBatching = 'off' | 'tick' | 'immediate';

type Obj = Record<string, unknown>;

/** One response owned by whoever takes it first; later takers (deduplicated callers) get a copy. */
export interface Shared {
  serviceName: string;
  /** The response text of an unbatched call: every taker parses its own copy. */
  text: string | undefined;
  /** A part of a batched response, parsed once, for the first taker. */
  parsed: SubgraphResponse | undefined;
  /** Parses the part again from the batched response text, for any later taker. */
  reparse: (() => SubgraphResponse) | undefined;
  taken: boolean;
}

export function sharedText(serviceName: string, text: string): Shared {
  return { serviceName, text, parsed: undefined, reparse: undefined, taken: false };
}

export function take(shared: Shared): SubgraphResponse {
  // Merging mutates what it receives, so two plan nodes must never share one parsed tree.
  if (shared.text !== undefined) return parseSubgraphResponse(shared.serviceName, shared.text);
  if (!shared.taken) {
    shared.taken = true;
    return shared.parsed!;
  }
  return shared.reparse!();
}

export interface QueuedPart {
  fetch: FetchNode;
  shape: BatchShape;
  /** Client variables the fetch uses (defined ones only), in the order Apollo would send them. */
  variables: [string, unknown][];
  /** The JSON array of (deduplicated) representations. */
  representations: string;
  /** The request this fetch would make on its own: sent instead when the batch fails. */
  body: string;
  resolve(shared: Shared): void;
  reject(error: unknown): void;
}

export interface BatchQueue {
  mode: 'tick' | 'immediate';
  client: SubgraphClient;
  headers: ForwardHeaders | undefined;
  pending: Map<string, QueuedPart[]>;
  /** Requests sent, by subgraph and size (for tests and logs): `batched` counts merged requests. */
  stats?: { batched: number; parts: number };
}

/** What a fetch contributes to a merged document, parsed once per plan's FetchNode. */
export interface BatchShape {
  id: number;
  operationName: string | undefined;
  variableDefinitions: readonly VariableDefinitionNode[];
  entities: FieldNode;
  fragments: FragmentDefinitionNode[];
}

let nextId = 0;
const shapes = new WeakMap<FetchNode, BatchShape | null>();

/** The fetch's operation split for merging, or null when it is not a plain `_entities` query. */
export function batchShape(fetch: FetchNode): BatchShape | null {
  let shape = shapes.get(fetch);
  if (shape !== undefined) return shape;
  shape = null;
  if (fetch.requires && fetch.operationKind === 'query') {
    try {
      const document = parse(fetch.operation);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
      const operation = operations[0];
      const selections = operation?.selectionSet.selections;
      const field = selections?.[0];
      if (
        operations.length === 1 &&
        operations.length + fragments.length === document.definitions.length &&
        !operation!.directives?.length &&
        selections!.length === 1 &&
        field!.kind === Kind.FIELD &&
        field!.name.value === '_entities' &&
        !field!.alias
      ) {
        shape = {
          id: nextId++,
          operationName: fetch.operationName,
          variableDefinitions: operation!.variableDefinitions ?? [],
          entities: field as FieldNode,
          fragments,
        };
      }
    } catch {
      shape = null;
    }
  }
  shapes.set(fetch, shape);
  return shape;
}

interface Merged {
  /** `{"query":...,"operationName":...,"variables":{` */
  prefix: string;
}

const merged = new Map<string, Merged>();
const MERGED_CACHE_SIZE = 2000;

const renameVariable = (i: number, name: string) => `_${i}_${name}`;
const renameFragment = (i: number, name: string) => `${name}__${i}`;

function mergedOperation(parts: readonly QueuedPart[]): Merged {
  let key = '';
  for (const part of parts) key += part.shape.id + ',';
  let m = merged.get(key);
  if (m) return m;
  const variableDefinitions: VariableDefinitionNode[] = [];
  const fields: FieldNode[] = [];
  const fragments: FragmentDefinitionNode[] = [];
  parts.forEach((part, i) => {
    const renamer = {
      Variable: (node: { name: { value: string } }) => ({ ...node, name: { ...node.name, value: renameVariable(i, node.name.value) } }),
      FragmentSpread: (node: { name: { value: string } }) => ({ ...node, name: { ...node.name, value: renameFragment(i, node.name.value) } }),
      FragmentDefinition: (node: { name: { value: string } }) => ({ ...node, name: { ...node.name, value: renameFragment(i, node.name.value) } }),
    };
    for (const def of part.shape.variableDefinitions) variableDefinitions.push(visit(def, renamer) as VariableDefinitionNode);
    const field = visit(part.shape.entities, renamer) as FieldNode;
    fields.push({ ...field, alias: { kind: Kind.NAME, value: `_${i}` } });
    for (const fragment of part.shape.fragments) fragments.push(visit(fragment, renamer) as FragmentDefinitionNode);
  });
  const first = parts[0]!.shape.operationName;
  const operationName = first ? `${first}__batched` : undefined;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        name: operationName ? { kind: Kind.NAME, value: operationName } : undefined,
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...fragments,
    ],
  };
  let prefix = '{"query":' + JSON.stringify(stripIgnoredCharacters(print(document)));
  if (operationName) prefix += ',"operationName":' + JSON.stringify(operationName);
  m = { prefix: prefix + ',"variables":{' };
  if (merged.size >= MERGED_CACHE_SIZE) merged.clear();
  merged.set(key, m);
  return m;
}

/** Queues an entity fetch; it is sent with the others ready for the same subgraph. */
export function enqueue(queue: BatchQueue, serviceName: string, part: Omit<QueuedPart, 'resolve' | 'reject'>): Promise<Shared> {
  return new Promise<Shared>((resolve, reject) => {
    let parts = queue.pending.get(serviceName);
    if (!parts) {
      parts = [];
      queue.pending.set(serviceName, parts);
      const flush = () => {
        queue.pending.delete(serviceName);
        void send(queue, serviceName, parts!);
      };
      if (queue.mode === 'tick') process.nextTick(flush);
      else setImmediate(flush);
    }
    parts.push({ ...part, resolve, reject });
  });
}

async function sendAlone(queue: BatchQueue, serviceName: string, part: QueuedPart): Promise<void> {
  try {
    part.resolve(sharedText(serviceName, await queue.client.post(serviceName, part.body, queue.headers)));
  } catch (error) {
    part.reject(error);
  }
}

async function send(queue: BatchQueue, serviceName: string, parts: QueuedPart[]): Promise<void> {
  if (queue.stats) {
    queue.stats.parts += parts.length;
    if (parts.length > 1) queue.stats.batched++;
  }
  if (parts.length === 1) return sendAlone(queue, serviceName, parts[0]!);

  const { prefix } = mergedOperation(parts);
  let body = prefix;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i > 0) body += ',';
    body += JSON.stringify(renameVariable(i, 'representations')) + ':' + part.representations;
    for (const [name, value] of part.variables) body += ',' + JSON.stringify(renameVariable(i, name)) + ':' + JSON.stringify(value);
  }
  body += '}}';

  let text: string;
  try {
    text = await queue.client.post(serviceName, body, queue.headers);
  } catch (error) {
    // No answer at all (refused, reset, timed out): each separate call would have failed the
    // same way, and trying again would only wait the timeout once more.
    if (!(error as { extensions?: Obj }).extensions?.response) {
      for (const part of parts) part.reject(error);
      return;
    }
    await Promise.all(parts.map((part) => sendAlone(queue, serviceName, part)));
    return;
  }

  const split = splitResponse(text, parts.length);
  if (!split) {
    await Promise.all(parts.map((part) => sendAlone(queue, serviceName, part)));
    return;
  }
  for (let i = 0; i < parts.length; i++) {
    const reparse = () => splitResponse(text, parts.length)![i]!;
    parts[i]!.resolve({ serviceName, text: undefined, parsed: split[i], reparse, taken: false });
  }
}

/** One response per part, or undefined when the merged answer cannot stand for the separate ones. */
function splitResponse(text: string, count: number): SubgraphResponse[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { data, errors, extensions } = body as SubgraphResponse;
  if (typeof data !== 'object' || data === null) return undefined;
  const out: SubgraphResponse[] = [];
  for (let i = 0; i < count; i++) {
    const key = `_${i}`;
    if (!Object.hasOwn(data, key)) return undefined;
    const part: SubgraphResponse = { data: { _entities: data[key] } };
    if (extensions) part.extensions = extensions;
    out.push(part);
  }
  if (Array.isArray(errors)) {
    for (const error of errors) {
      const head = error?.path?.[0];
      const at = typeof head === 'string' && /^_\d+$/.test(head) ? Number(head.slice(1)) : -1;
      if (at >= 0 && at < count) {
        (out[at]!.errors ??= []).push({ ...error, path: ['_entities', ...error.path!.slice(1)] });
      } else {
        for (const part of out) (part.errors ??= []).push(error);
      }
    }
  }
  return out;
}
