import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { downstreamServiceError } from './errors.ts';
import { applyRewrites, deepMerge, extractRepresentation, type TypeMatcher } from './merge.ts';
import { batchShape, enqueue, sharedText, take, type BatchQueue, type Shared } from './batch.ts';
import type { ForwardHeaders, SubgraphClient, SubgraphResponse } from './transport.ts';

/**
 * Runs a query plan (Sequence / Parallel / Flatten / Fetch / Condition) the way
 * @apollo/gateway's executeQueryPlan.js does, minus what its profile showed as overhead:
 * no OpenTelemetry span and no usage-reporting protobuf node per plan node, request bodies
 * assembled from pre-serialised parts, entity representations deduplicated so a
 * subgraph resolves each distinct entity once per fetch, and (unless `batch` is absent)
 * `_entities` fetches to one subgraph that are ready together sent as one request (batch.ts).
 */

type Obj = Record<string, unknown>;
type Path = (string | number)[];

export interface RunContext {
  client: SubgraphClient;
  types: TypeMatcher;
  variables: Obj | undefined;
  variableDefaults: Obj;
  /** Headers every subgraph call of this operation carries (request id, caller identity). */
  forwardHeaders: ForwardHeaders | undefined;
  errors: unknown[];
  /** Identical subgraph requests in flight for this operation share one HTTP call. */
  inflight: Map<string, Promise<Shared>>;
  /** Per-subgraph queues merging entity fetches ready together; absent: each fetch is its own call. */
  batch: BatchQueue | undefined;
  /** The root of the response tree, for re-pathing entity errors (Apollo's cursor.fullResult). */
  root: Obj;
}

/** Per-fetch constants, computed once per cached plan. */
export interface PreparedFetch {
  /** `{"query":...,"operationName":...` without the variables or the closing brace. */
  bodyPrefix: string;
}

const prepared = new WeakMap<FetchNode, PreparedFetch>();

function prepare(fetch: FetchNode): PreparedFetch {
  let p = prepared.get(fetch);
  if (!p) {
    let prefix = '{"query":' + JSON.stringify(fetch.operation);
    if (fetch.operationName !== undefined) prefix += ',"operationName":' + JSON.stringify(fetch.operationName);
    p = { bodyPrefix: prefix };
    prepared.set(fetch, p);
  }
  return p;
}

export async function runNode(ctx: RunContext, node: PlanNode, path: Path, data: unknown): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await runNode(ctx, child, path, data);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => runNode(ctx, child, path, data)));
      return;
    case 'Flatten': {
      const inner = flattenAtPath(data, node.path, 0);
      if (!inner) return;
      await runNode(ctx, node.node, path.concat(node.path), inner);
      return;
    }
    case 'Fetch':
      try {
        await runFetch(ctx, node, path, data);
      } catch (error) {
        ctx.errors.push(error);
      }
      return;
    case 'Condition': {
      const branch = conditionHolds(ctx, node.condition) ? node.ifClause : node.elseClause;
      if (branch) await runNode(ctx, branch, path, data);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
  }
}

function conditionHolds(ctx: RunContext, variable: string): boolean {
  let value = ctx.variables && Object.hasOwn(ctx.variables, variable) ? ctx.variables[variable] : undefined;
  if (value === undefined) value = ctx.variableDefaults[variable];
  if (typeof value !== 'boolean') throw new Error(`Invalid non-boolean value ${String(value)} for Boolean! variable $${variable}`);
  return value;
}

/** executeQueryPlan.js flattenResultsAtPath: '@' maps over a list and flattens one level. */
function flattenAtPath(value: unknown, path: readonly (string | number)[], at: number): unknown {
  if (at === path.length || value === undefined || value === null) return value;
  const current = path[at];
  if (current === '@') {
    const out: unknown[] = [];
    for (const element of value as unknown[]) {
      const r = flattenAtPath(element, path, at + 1);
      if (Array.isArray(r)) for (const x of r) out.push(x);
      else out.push(r);
    }
    return out;
  }
  if (typeof current !== 'string' || Array.isArray(value)) throw new Error(`Unexpected path element ${String(current)} in plan`);
  const obj = value as Obj;
  return flattenAtPath(Object.hasOwn(obj, current) ? obj[current] : undefined, path, at + 1);
}

async function runFetch(ctx: RunContext, fetch: FetchNode, path: Path, data: unknown): Promise<void> {
  const entities: Obj[] = [];
  if (Array.isArray(data)) {
    for (const e of data) if (e !== null && e !== undefined) entities.push(e as Obj);
  } else {
    entities.push(data as Obj);
  }
  if (entities.length < 1) return;

  let variablesJson = '';
  const used: [string, unknown][] = [];
  if (fetch.variableUsages && fetch.variableUsages.length > 0 && ctx.variables) {
    const variables: Obj = {};
    for (const name of fetch.variableUsages) {
      if (Object.hasOwn(ctx.variables, name) && ctx.variables[name] !== undefined) {
        variables[name] = ctx.variables[name];
        used.push([name, ctx.variables[name]]);
      }
    }
    if (used.length > 0) variablesJson = JSON.stringify(variables).slice(1, -1);
  }
  const { bodyPrefix } = prepare(fetch);

  if (!fetch.requires) {
    const body = bodyPrefix + ',"variables":{' + variablesJson + '}}';
    const received = await send(ctx, fetch, body, (errorPath) => (errorPath ? [...path, ...errorPath] : undefined));
    if (received) applyRewrites(ctx.types, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  // One representation per entity as Apollo builds them, then deduplicated by their JSON:
  // `unique[k]` is sent once and its result merged into every entity that produced it.
  const requires = fetch.requires;
  const representationToEntity: number[] = [];
  const representationToUnique: number[] = [];
  const uniqueIndex = new Map<string, number>();
  const unique: string[] = [];
  for (let i = 0; i < entities.length; i++) {
    const representation = extractRepresentation(ctx.types, entities[i], requires);
    if (!representation || !representation.__typename) continue;
    applyRewrites(ctx.types, fetch.inputRewrites, representation);
    const json = JSON.stringify(representation);
    let k = uniqueIndex.get(json);
    if (k === undefined) {
      k = unique.length;
      unique.push(json);
      uniqueIndex.set(json, k);
    }
    representationToEntity.push(i);
    representationToUnique.push(k);
  }
  if (representationToEntity.length < 1) return;
  if (variablesJson.startsWith('"representations":') || variablesJson.includes(',"representations":')) {
    throw new Error('Variables cannot contain key "representations"');
  }
  const representations = '[' + unique.join(',') + ']';
  const body = bodyPrefix + ',"variables":{' + variablesJson + (variablesJson ? ',' : '') + '"representations":' + representations + '}}';

  let hydrated: Path[] | undefined;
  const errorPaths = (errorPath: Path | undefined, uniqueAt: number): (Path | undefined)[] => {
    // An error on `_entities[k]` belongs to every entity that shared representation k; Apollo,
    // which sends duplicates, reports it once per entity at that entity's path.
    if (errorPath && typeof errorPath[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        generateHydratedPaths([], path, 0, ctx.root, hydrated);
      }
      const out: Path[] = [];
      for (let r = 0; r < representationToUnique.length; r++) {
        if (representationToUnique[r] === uniqueAt) out.push([...(hydrated[r] ?? []), ...errorPath.slice(2)]);
      }
      return out;
    }
    return [errorPath ? [...path, ...errorPath] : undefined];
  };
  const received = await sendEntities(ctx, fetch, body, used, representations, errorPaths);
  if (!received) return;
  const list = received._entities;
  if (!Array.isArray(list)) throw new Error('Expected "data._entities" in response to be an array');
  if (list.length !== unique.length) throw new Error(`Expected "data._entities" to contain ${unique.length} elements`);
  const rewritten = new Uint8Array(unique.length);
  for (let r = 0; r < representationToEntity.length; r++) {
    const k = representationToUnique[r]!;
    const existing = entities[representationToEntity[r]!]!;
    const receivedEntity = list[k] as Obj | null;
    if (!rewritten[k]) {
      rewritten[k] = 1;
      if (receivedEntity && !receivedEntity.__typename) receivedEntity.__typename = existing.__typename;
      applyRewrites(ctx.types, fetch.outputRewrites, receivedEntity);
    }
    deepMerge(existing, receivedEntity);
  }
}

/** Sends a root (non-entity) fetch; errors are re-pathed under the fetch's path. */
async function send(ctx: RunContext, fetch: FetchNode, body: string, repath: (p: Path | undefined) => Path | undefined): Promise<Obj | null | undefined> {
  const response = await request(ctx, fetch.serviceName, body);
  if (response.errors) {
    for (const e of response.errors) ctx.errors.push(downstreamServiceError(e, fetch.serviceName, repath(e.path)));
  }
  return response.data;
}

async function sendEntities(
  ctx: RunContext,
  fetch: FetchNode,
  body: string,
  variables: [string, unknown][],
  representations: string,
  repath: (p: Path | undefined, uniqueAt: number) => (Path | undefined)[],
): Promise<Obj | null | undefined> {
  const shape = ctx.batch ? batchShape(fetch) : null;
  const response = await request(
    ctx,
    fetch.serviceName,
    body,
    shape ? () => enqueue(ctx.batch!, fetch.serviceName, { fetch, shape, variables, representations, body }) : undefined,
  );
  if (response.errors) {
    for (const e of response.errors) {
      const at = e.path && typeof e.path[1] === 'number' ? e.path[1] : -1;
      for (const p of repath(e.path, at)) ctx.errors.push(downstreamServiceError(e, fetch.serviceName, p));
    }
  }
  return response.data;
}

/** `queued` sends the fetch through the batch queue; without it the request goes out now. */
async function request(ctx: RunContext, serviceName: string, body: string, queued?: () => Promise<Shared>): Promise<SubgraphResponse> {
  const key = serviceName + '\n' + body;
  let pending = ctx.inflight.get(key);
  if (!pending) {
    pending = queued ? queued() : ctx.client.post(serviceName, body, ctx.forwardHeaders).then((text) => sharedText(serviceName, text));
    ctx.inflight.set(key, pending);
  }
  // Each caller gets its own tree (take copies for all but the first): merging mutates what
  // it receives, so two plan nodes must never share one parsed tree.
  return take(await pending);
}

/** executeQueryPlan.js generateHydratedPaths: concrete paths of the entities at a plan path. */
function generateHydratedPaths(parent: Path, path: Path, at: number, data: unknown, result: Path[]): void {
  if (data === null || data === undefined) return;
  if (at === path.length) {
    result.push(parent.slice());
    return;
  }
  const head = path[at];
  if (head === '@') {
    const list = data as unknown[];
    for (let i = 0; i < list.length; i++) {
      parent.push(i);
      generateHydratedPaths(parent, path, at + 1, list[i], result);
      parent.pop();
    }
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) {
        parent.push(i);
        generateHydratedPaths(parent, path, at, data[i], result);
        parent.pop();
      }
    } else if (Object.hasOwn(data as Obj, head)) {
      parent.push(head);
      generateHydratedPaths(parent, path, at + 1, (data as Obj)[head], result);
      parent.pop();
    }
  }
}

