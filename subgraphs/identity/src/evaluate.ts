import { readFileSync } from 'node:fs';
import type { PairScore } from './evaluation/metrics.ts';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import type { Queryable } from './db/index.ts';
import { isJunkEmail, isJunkPhone } from './matching/blocklist.ts';
import { recordKey } from './matching/match.ts';
import { normalizeEmail, normalizePhone } from './matching/normalize.ts';

export interface GroundTruthRow {
  personId: string;
  system: string;
  externalId: string;
}

/** Precision: of the pairs the hub put on one customer, the share truly one person; recall: the converse. */
export interface Evaluation extends PairScore {
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

/** What a record offers matching besides its name. */
export interface RecordEvidence {
  /** A usable (normalised, not junk) email or phone. */
  contact: boolean;
  /** It holds an explicit reference to a known record, or a known record references it. */
  reference: boolean;
}

/** Per `system:externalId`, whether the record carries contact values or takes part in an explicit reference. */
export function recordEvidence(records: readonly SourceRecord[], defaultRegion = 'TH'): Map<string, RecordEvidence> {
  const keys = new Set(records.map((r) => recordKey(r.system, r.externalId)));
  const out = new Map<string, RecordEvidence>();
  for (const r of records) {
    const emails = r.emails.map(normalizeEmail).filter((e): e is string => e !== null && !isJunkEmail(e));
    const phones = r.phones.map((p) => normalizePhone(p, r.region, defaultRegion)).filter((p): p is string => p !== null && !isJunkPhone(p));
    out.set(recordKey(r.system, r.externalId), { contact: emails.length + phones.length > 0, reference: false });
  }
  for (const r of records) {
    for (const ref of r.references ?? []) {
      const target = recordKey(ref.system, ref.externalId);
      if (!keys.has(target)) continue;
      out.get(recordKey(r.system, r.externalId))!.reference = true;
      out.get(target)!.reference = true;
    }
  }
  return out;
}

export interface EvidenceEvaluation {
  /** Every pair of the ground truth (what evaluateLinks gives). */
  all: Evaluation;
  /** Only pairs whose two records both carry a usable email or phone. */
  withContact: Evaluation;
  /**
   * Only pairs whose two records both carry a usable email or phone, or take part in an explicit
   * reference: the pairs matching could link at all. A social profile with a name and nothing
   * else is out: no safe rule links a name alone.
   */
  withEvidence: Evaluation;
}

/**
 * Pairwise figures over all records and over the records with evidence. Restricting the ground
 * truth to some records restricts the pairs to those whose two records are both kept.
 */
export function evaluateWithEvidence(
  groundTruth: readonly GroundTruthRow[],
  customerOf: ReadonlyMap<string, string>,
  evidence: ReadonlyMap<string, RecordEvidence>,
): EvidenceEvaluation {
  const of = (row: GroundTruthRow) => evidence.get(recordKey(row.system, row.externalId));
  return {
    all: evaluateLinks(groundTruth, customerOf),
    withContact: evaluateLinks(
      groundTruth.filter((row) => of(row)?.contact === true),
      customerOf,
    ),
    withEvidence: evaluateLinks(
      groundTruth.filter((row) => of(row)?.contact === true || of(row)?.reference === true),
      customerOf,
    ),
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

/** The raw records the hub stored from the feeds. */
export async function loadRecords(db: Queryable): Promise<SourceRecord[]> {
  const rows = await db.query('SELECT record FROM source_records ORDER BY system, external_id');
  return rows.map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as SourceRecord);
}

/**
 * Evaluates the links in `db` against a data set's ground-truth.ndjson: the figures of
 * evaluateLinks, plus `withContact` and `withEvidence` (see evaluateWithEvidence).
 */
export async function evaluate(db: Queryable, groundTruthFile: string, defaultRegion = 'TH'): Promise<Evaluation & Omit<EvidenceEvaluation, 'all'>> {
  const { all, ...restricted } = evaluateWithEvidence(readGroundTruth(groundTruthFile), await loadLinks(db), recordEvidence(await loadRecords(db), defaultRegion));
  return { ...all, ...restricted };
}
