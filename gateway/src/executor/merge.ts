import { isAbstractType, isInterfaceType, isObjectType } from './graphql.ts';
import type { GraphQLSchema } from 'graphql';
import type { FetchDataRewrite, QueryPlanSelectionNode } from '@apollo/query-planner';

/**
 * Moving data between subgraph responses and the response tree, with @apollo/gateway's
 * semantics (utilities/deepMerge.js, executeSelectionSet and dataRewrites.js) but without
 * its per-call allocations: results are merged in place and never cloned, so a value
 * received once may be referenced from several places (deduplicated entities).
 */

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets a key even when it is `__proto__`, which plain assignment would turn into a prototype change. */
function setKey(target: Obj, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function deepMerge(target: Obj, source: unknown): void {
  if (source === undefined || source === null) return;
  const src = source as Obj;
  for (const key in src) {
    if (!Object.hasOwn(src, key)) continue;
    const sv = src[key];
    if (sv === undefined) continue;
    const tv = Object.hasOwn(target, key) ? target[key] : undefined;
    if (tv && isObject(sv)) {
      deepMerge(tv as Obj, sv);
    } else if (Array.isArray(sv) && Array.isArray(tv) && sv.length === tv.length) {
      for (let i = 0; i < sv.length; i++) {
        const t = tv[i];
        const s = sv[i];
        if (isObject(t) && isObject(s)) deepMerge(t, s);
        else tv[i] = s;
      }
    } else {
      setKey(target, key, sv);
    }
  }
}

/** Memoised `isObjectOfType` of dataRewrites.js over the supergraph schema. */
export class TypeMatcher {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly schema: GraphQLSchema) {}
  matches(obj: Obj, typeCondition: string, defaultOnUnknown = false): boolean {
    const typename = obj.__typename;
    if (!typename || typeof typename !== 'string') return defaultOnUnknown;
    if (typename === typeCondition) return true;
    const key = typeCondition + '\0' + typename;
    let result = this.memo.get(key);
    if (result === undefined) {
      const type = this.schema.getType(typename);
      const condition = this.schema.getType(typeCondition);
      result =
        !!type && !!condition && isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && this.schema.isSubType(condition, type);
      this.memo.set(key, result);
    }
    return result;
  }
}

/** The representation of an entity for a fetch's `requires` (executeQueryPlan.js executeSelectionSet). */
export function extractRepresentation(types: TypeMatcher, source: unknown, selections: readonly QueryPlanSelectionNode[]): Obj | null {
  if (source === null) return null;
  const src = source as Obj;
  const result: Obj = {};
  for (const sel of selections) {
    if (sel.kind === 'Field') {
      const rn = sel.alias ?? sel.name;
      if (!Object.hasOwn(src, rn) || src[rn] === undefined) return null;
      const value = src[rn];
      const sub = sel.selections;
      if (Array.isArray(value)) setKey(result, rn, value.map((v) => (sub ? extractRepresentation(types, v, sub) : v)));
      else if (sub) setKey(result, rn, extractRepresentation(types, value, sub));
      else setKey(result, rn, value);
    } else {
      if (!sel.typeCondition || !src) continue;
      if (types.matches(src, sel.typeCondition)) deepMerge(result, extractRepresentation(types, src, sel.selections));
    }
  }
  return result;
}

export function applyRewrites(types: TypeMatcher, rewrites: readonly FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    if (rewrite.path.length === 0) continue;
    const parent = rewrite.path.slice(0, -1);
    const field = rewrite.path[rewrite.path.length - 1]!;
    const apply =
      rewrite.kind === 'ValueSetter'
        ? (obj: Obj) => setKey(obj, field, rewrite.setValueTo)
        : (obj: Obj) => {
            const at = Object.hasOwn(obj, field) ? obj[field] : undefined;
            if (at) {
              setKey(obj, rewrite.renameKeyTo, at);
              obj[field] = undefined;
            }
          };
    applyAtPath(types, parent, 0, value, apply);
  }
}

const FRAGMENT_PREFIX = '... on ';

function applyAtPath(types: TypeMatcher, path: string[], at: number, value: unknown, fn: (obj: Obj) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) applyAtPath(types, path, at, v, fn);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Obj;
  if (at === path.length) {
    fn(obj);
    return;
  }
  const element = path[at]!;
  if (element.startsWith(FRAGMENT_PREFIX)) {
    if (types.matches(obj, element.slice(FRAGMENT_PREFIX.length), true)) applyAtPath(types, path, at + 1, obj, fn);
  } else {
    applyAtPath(types, path, at + 1, Object.hasOwn(obj, element) ? obj[element] : undefined, fn);
  }
}
