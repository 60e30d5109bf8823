import { readFileSync } from 'node:fs';
import type { Queryable } from './db/index.ts';

export interface GroundTruthRow {
  personId: string;
  system: string;
  externalId: string;
}

export interface Evaluation {
  /** Of the record pairs the hub put on one customer, the share that are truly one person. */
  precision: number;
  /** Of the record pairs that are truly one person, the share the hub put on one customer. */
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  /** Ground-truth records the hub has a link for. */
  linkedRecords: number;
  /** Ground-truth records the hub has no link for (they count as their own singleton). */
  unlinkedRecords: number;
  /** Distinct customers over the evaluated records, and distinct people of the ground truth. */
  customers: number;
  people: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall of "same person" over the ground truth's records, from the
 * contingency table of (customer, person): correct pairs = Σ C(n_ij, 2). A record without a
 * link counts as a customer of its own, so it lowers recall and never precision.
 */
export function evaluateLinks(groundTruth: readonly GroundTruthRow[], customerOf: ReadonlyMap<string, string>): Evaluation {
  const byCustomer = new Map<string, number>();
  const byPerson = new Map<string, number>();
  const cells = new Map<string, number>();
  let linkedRecords = 0;
  for (const row of groundTruth) {
    const key = `${row.system}:${row.externalId}`;
    const linked = customerOf.get(key);
    if (linked) linkedRecords++;
    const customer = linked ?? `unlinked:${key}`;
    byCustomer.set(customer, (byCustomer.get(customer) ?? 0) + 1);
    byPerson.set(row.personId, (byPerson.get(row.personId) ?? 0) + 1);
    const cell = `${customer}\u0000${row.personId}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((acc, n) => acc + pairs(n), 0);
  const correctPairs = sum(cells);
  const predictedPairs = sum(byCustomer);
  const truePairs = sum(byPerson);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    truePairs,
    predictedPairs,
    correctPairs,
    linkedRecords,
    unlinkedRecords: groundTruth.length - linkedRecords,
    customers: new Set([...groundTruth].map((r) => customerOf.get(`${r.system}:${r.externalId}`) ?? `unlinked:${r.system}:${r.externalId}`)).size,
    people: byPerson.size,
  };
}

export function readGroundTruth(file: string): GroundTruthRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GroundTruthRow);
}

/** The hub's current links, `system:externalId` → customer id. */
export async function loadLinks(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query('SELECT system, external_id, customer_id FROM links');
  return new Map(rows.map((r) => [`${String(r.system)}:${String(r.external_id)}`, String(r.customer_id)]));
}

/** Evaluates the links in `db` against a data set's ground-truth.ndjson. */
export async function evaluate(db: Queryable, groundTruthFile: string): Promise<Evaluation> {
  return evaluateLinks(readGroundTruth(groundTruthFile), await loadLinks(db));
}
