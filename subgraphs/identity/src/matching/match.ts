import type { SourceReference } from '../../../../lib/identity-feed.ts';
import { isJunkEmail, isJunkPhone, overSharedValues } from './blocklist.ts';
import type { KeyStats } from './blocking.ts';
import { namesCompatible, type NameParts } from './names.ts';

/**
 * Why two records were put together. Stored on every link. `FIRST_RECORD`: the record a new
 * customer was created from; `MANUAL`: a person decided (link, unlink).
 */
export type MatchRule = 'EXPLICIT_REFERENCE' | 'EMAIL' | 'PHONE_AND_NAME' | 'PHONE_ONLY';
export type LinkRule = MatchRule | 'FIRST_RECORD' | 'MANUAL';
export type SuggestionRule = MatchRule | 'SHARED_PHONE';

/** What matching needs of a source record, already normalised. */
export interface MatchInput {
  system: string;
  externalId: string;
  /** Normalised emails and E.164 phones (junk is filtered here, not by the caller). */
  emails: readonly string[];
  phones: readonly string[];
  /**
   * Other E.164 readings of a local number on a record without a region (`0812345678`: TH or VN).
   * Evidence only together with a compatible name, never for PHONE_ONLY nor a suggestion.
   */
  otherReadings?: readonly string[];
  name: NameParts;
  references: readonly SourceReference[];
}

export interface Edge {
  a: string;
  b: string;
  rule: MatchRule;
  evidence: Record<string, unknown>;
}

export interface Suggestion {
  a: string;
  b: string;
  rule: SuggestionRule;
  evidence: Record<string, unknown>;
}

export interface Cluster {
  /** Smallest `system:externalId` of the cluster: derives a new customer's id. */
  anchor: string;
  members: string[];
  /** The edges that joined the cluster (a spanning tree): the reason each link is recorded with. */
  edges: Edge[];
}

export interface MatchResult {
  clusters: Cluster[];
  suggestions: Suggestion[];
  /** Values ignored as evidence because too many records carry them. */
  overShared: string[];
}

export interface MatchOptions {
  maxRecordsPerValue: number;
  /**
   * Data-set-wide statistics per blocking key (see blocking.ts). Given by a pipeline that
   * matches one connected component at a time; absent, they are counted from `input`.
   */
  keyStats?: ReadonlyMap<string, KeyStats>;
}

export const recordKey = (system: string, externalId: string) => `${system}:${externalId}`;

const RULE_ORDER: Record<MatchRule, number> = { EXPLICIT_REFERENCE: 0, EMAIL: 1, PHONE_AND_NAME: 2, PHONE_ONLY: 3 };
const compareStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deterministic, order-independent union of records into people. Records and edges are sorted
 * before anything is decided, so the same set of records always gives the same clusters,
 * whatever order the feeds delivered them in.
 *
 * Safety rule (the guard): two clusters are never joined when that would put together two
 * records that both have usable emails, share none, and have names that are not compatible
 * (see namesCompatible). Such a pair is two different people however they are connected; the
 * blocked edge becomes a suggestion for a person to decide.
 */
export function matchRecords(input: readonly MatchInput[], opts: MatchOptions): MatchResult {
  const records = [...input].sort((x, y) => compareStr(recordKey(x.system, x.externalId), recordKey(y.system, y.externalId)));
  const overShared = new Set([
    ...overSharedValues(records.map((r) => r.emails), opts.maxRecordsPerValue),
    ...overSharedValues(records.map((r) => r.phones), opts.maxRecordsPerValue),
  ]);
  const byKey = new Map<string, { key: string; emails: string[]; phones: string[]; otherReadings: string[]; name: NameParts; references: readonly SourceReference[] }>();
  for (const r of records) {
    const key = recordKey(r.system, r.externalId);
    byKey.set(key, {
      key,
      emails: [...new Set(r.emails)].filter((e) => !isJunkEmail(e) && !overShared.has(e)).sort(),
      phones: [...new Set(r.phones)].filter((p) => !isJunkPhone(p) && !overShared.has(p)).sort(),
      otherReadings: [...new Set(r.otherReadings ?? [])].filter((p) => !isJunkPhone(p) && !overShared.has(p)).sort(),
      name: r.name,
      references: r.references,
    });
  }
  const nodes = [...byKey.values()];

  const edges: Edge[] = [];
  const suggestions: Suggestion[] = [];
  const pair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

  for (const r of nodes) {
    for (const ref of r.references) {
      const target = recordKey(ref.system, ref.externalId);
      if (target === r.key || !byKey.has(target)) continue;
      const [a, b] = pair(r.key, target);
      edges.push({ a, b, rule: 'EXPLICIT_REFERENCE', evidence: { from: r.key, to: target, via: ref.via } });
    }
  }

  const carriers = (values: (n: (typeof nodes)[number]) => string[]) => {
    const map = new Map<string, string[]>();
    for (const n of nodes) for (const v of values(n)) map.set(v, [...(map.get(v) ?? []), n.key]);
    return [...map.entries()].sort(([x], [y]) => compareStr(x, y));
  };

  for (const [email, keys] of carriers((n) => n.emails)) {
    // A star from the smallest key is enough to connect them; keys are already sorted.
    const [first, ...rest] = keys;
    for (const other of rest) edges.push({ a: first!, b: other, rule: 'EMAIL', evidence: { email } });
  }

  for (const [phone, keys] of carriers((n) => n.phones)) {
    const named = keys.filter((k) => byKey.get(k)!.name.tokens.length > 0);
    // A phone is unambiguous when every named carrier could be the same person.
    let unambiguous = true;
    for (let i = 0; i < named.length; i++) {
      for (let j = i + 1; j < named.length; j++) {
        if (namesCompatible(byKey.get(named[i]!)!.name, byKey.get(named[j]!)!.name) === false) unambiguous = false;
      }
    }
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = keys[i]!;
        const b = keys[j]!;
        const na = byKey.get(a)!.name;
        const nb = byKey.get(b)!.name;
        const compatible = namesCompatible(na, nb);
        const names = [na.tokens.join(' '), nb.tokens.join(' ')];
        if (compatible === true) edges.push({ a, b, rule: 'PHONE_AND_NAME', evidence: { phone, names } });
        else if (compatible === null && unambiguous) edges.push({ a, b, rule: 'PHONE_ONLY', evidence: { phone } });
        else suggestions.push({ a, b, rule: 'SHARED_PHONE', evidence: { phone, names } });
      }
    }
  }

  // A region-less local number read another way (`0812345678` as VN rather than TH) joins a
  // record carrying that number only when the names are compatible: the reading is a guess.
  const phoneCarriers = new Map(carriers((n) => n.phones));
  for (const r of nodes) {
    for (const phone of r.otherReadings) {
      for (const other of phoneCarriers.get(phone) ?? []) {
        if (other === r.key || namesCompatible(r.name, byKey.get(other)!.name) !== true) continue;
        const [a, b] = pair(r.key, other);
        edges.push({ a, b, rule: 'PHONE_AND_NAME', evidence: { phone, names: [byKey.get(a)!.name.tokens.join(' '), byKey.get(b)!.name.tokens.join(' ')], reading: 'region-less local number' } });
      }
    }
  }

  edges.sort((x, y) => RULE_ORDER[x.rule] - RULE_ORDER[y.rule] || compareStr(x.a, y.a) || compareStr(x.b, y.b));

  // Union-find over record keys, with member lists for the guard.
  const parent = new Map(nodes.map((n) => [n.key, n.key]));
  const members = new Map(nodes.map((n) => [n.key, [n.key]]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const tree: Edge[] = [];
  for (const edge of edges) {
    const ra = find(edge.a);
    const rb = find(edge.b);
    if (ra === rb) continue;
    const conflict = findConflict(members.get(ra)!, members.get(rb)!, byKey);
    if (conflict) {
      suggestions.push({ a: edge.a, b: edge.b, rule: edge.rule, evidence: { ...edge.evidence, blockedBy: 'DIFFERENT_EMAILS_AND_NAMES', conflict } });
      continue;
    }
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(child, root);
    members.set(root, [...members.get(root)!, ...members.get(child)!]);
    members.delete(child);
    tree.push(edge);
  }

  const clusters = new Map<string, Cluster>();
  for (const n of nodes) {
    const root = find(n.key);
    if (!clusters.has(root)) clusters.set(root, { anchor: root, members: [...members.get(root)!].sort(), edges: [] });
  }
  for (const edge of tree) clusters.get(find(edge.a))!.edges.push(edge);

  // Suggest only what is still apart, once per pair of clusters (the first pair in key order).
  const seen = new Set<string>();
  const kept: Suggestion[] = [];
  for (const s of suggestions.sort((x, y) => compareStr(x.a, y.a) || compareStr(x.b, y.b))) {
    const [ca, cb] = pair(find(s.a), find(s.b));
    if (ca === cb || seen.has(`${ca}|${cb}`)) continue;
    seen.add(`${ca}|${cb}`);
    kept.push(s);
  }

  return { clusters: [...clusters.values()].sort((x, y) => compareStr(x.anchor, y.anchor)), suggestions: kept, overShared: [...overShared].sort() };
}

function findConflict(
  left: string[],
  right: string[],
  byKey: Map<string, { emails: string[]; name: NameParts }>,
): { a: string; b: string } | null {
  for (const a of left) {
    const ra = byKey.get(a)!;
    if (ra.emails.length === 0) continue;
    for (const b of right) {
      const rb = byKey.get(b)!;
      if (rb.emails.length === 0 || rb.emails.some((e) => ra.emails.includes(e))) continue;
      if (namesCompatible(ra.name, rb.name) === false) return { a, b };
    }
  }
  return null;
}
