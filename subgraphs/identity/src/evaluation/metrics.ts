/**
 * Pairwise quality of the hub's links against a generator's ground truth, by class.
 *
 * A pair is two records; it is *true* when the ground truth gives both the same person and
 * *predicted* when the hub put both on one customer. Counts come from group sizes, never from
 * listing pairs (Σ C(n, 2) over groups; a restriction such as "cross-system" or "touches a
 * record of class C" is the difference of two such sums), so 100,000 people cost one pass.
 * A record without a link is a customer of its own: it lowers recall, never precision.
 */

export interface EvalRecord {
  /** `system:externalId` */
  key: string;
  system: string;
  personId: string;
  /** The hub's customer id, or null when the record has no link. */
  customerId: string | null;
}

export interface PairScore {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

function sumPairs<T>(items: Iterable<T>, keyOf: (item: T) => string): number {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = keyOf(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let total = 0;
  for (const n of counts.values()) total += choose2(n);
  return total;
}

const customerOf = (r: EvalRecord) => r.customerId ?? `unlinked\u0000${r.key}`;

interface Counts {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

function counts(records: readonly EvalRecord[], crossSystem: boolean): Counts {
  const same = (f: (r: EvalRecord) => string) => sumPairs(records, f) - (crossSystem ? sumPairs(records, (r) => `${f(r)}\u0000${r.system}`) : 0);
  return {
    truePairs: same((r) => r.personId),
    predictedPairs: same(customerOf),
    correctPairs: same((r) => `${customerOf(r)}\u0000${r.personId}`),
  };
}

export function score(c: Counts): PairScore {
  const precision = c.predictedPairs === 0 ? 1 : c.correctPairs / c.predictedPairs;
  const recall = c.truePairs === 0 ? 1 : c.correctPairs / c.truePairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), ...c };
}

/** Every pair of `records` (or only pairs of records in two different systems). */
export function pairScore(records: readonly EvalRecord[], opts: { crossSystem?: boolean } = {}): PairScore {
  return score(counts(records, opts.crossSystem ?? false));
}

/** Only the pairs with at least one record in `marked`: all pairs minus the pairs of unmarked records. */
export function touchingScore(records: readonly EvalRecord[], marked: ReadonlySet<string>): PairScore {
  const all = counts(records, false);
  const rest = counts(
    records.filter((r) => !marked.has(r.key)),
    false,
  );
  return score({ truePairs: all.truePairs - rest.truePairs, predictedPairs: all.predictedPairs - rest.predictedPairs, correctPairs: all.correctPairs - rest.correctPairs });
}

export interface SharedValueMember {
  key: string;
  personId: string;
}

export interface WrongMerges {
  /** Values shared by at least two different people. */
  values: number;
  /** Pairs of records of different people that share a value of this class. */
  candidatePairs: number;
  /** Of those, the pairs the hub put on one customer. */
  mergedPairs: number;
  /** The shared values behind at least one merged pair (a few, for the report). */
  examples: string[];
}

/**
 * Wrong merges through shared values: per value, the pairs of its records that belong to
 * different people, and how many of them share a customer. A pair sharing two values of the
 * class counts once per value.
 */
export function wrongMerges(groups: ReadonlyMap<string, readonly SharedValueMember[]>, customerIdOf: (key: string) => string | null): WrongMerges {
  const out: WrongMerges = { values: 0, candidatePairs: 0, mergedPairs: 0, examples: [] };
  for (const [value, members] of groups) {
    const unique = [...new Map(members.map((m) => [m.key, m])).values()];
    const crossPerson = (list: readonly SharedValueMember[]) => choose2(list.length) - sumPairs(list, (m) => m.personId);
    const candidates = crossPerson(unique);
    if (candidates === 0) continue;
    out.values += 1;
    out.candidatePairs += candidates;
    const byCustomer = new Map<string, SharedValueMember[]>();
    for (const m of unique) {
      const c = customerIdOf(m.key);
      if (c === null) continue;
      byCustomer.set(c, [...(byCustomer.get(c) ?? []), m]);
    }
    let merged = 0;
    for (const list of byCustomer.values()) merged += crossPerson(list);
    out.mergedPairs += merged;
    if (merged > 0 && out.examples.length < 5) out.examples.push(value);
  }
  return out;
}
