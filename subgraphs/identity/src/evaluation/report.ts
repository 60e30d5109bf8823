import { NEGATIVE_CLASSES, NOISE_CLASSES, type NegativeClass } from '../../../../systems/generate/noise/classes.ts';
import type { DatasetFacts } from './dataset.ts';
import { pairScore, touchingScore, wrongMerges, type EvalRecord, type PairScore, type WrongMerges } from './metrics.ts';

/** The figures of one data set: pairs overall, across systems, with evidence, per noise class; wrong merges per hard-negative class. */
export interface DatasetReport {
  profile: string;
  seed: number;
  people: number;
  records: number;
  linkedRecords: number;
  all: PairScore;
  crossSystem: PairScore;
  /** Pairs whose two records both carry usable evidence (email, phone, reference, identifier typed in a chat). */
  withEvidence: PairScore;
  /**
   * Per noise class: the pairs that touch at least one record carrying it. A wrong pair counts
   * against every class either of its records carries, whatever caused it: "precision of a class"
   * is the precision a user sees on records with that noise.
   */
  classes: Record<string, PairScore & { records: number }>;
  /** Per hard-negative class: pairs of different people sharing a value, and how many the hub merged. */
  negatives: Record<NegativeClass, WrongMerges>;
  backfillMs?: number;
}

export function buildReport(meta: { profile: string; seed: number; people: number; backfillMs?: number }, facts: DatasetFacts, customerOf: ReadonlyMap<string, string>): DatasetReport {
  const records: EvalRecord[] = facts.truth.map((r) => {
    const key = `${r.system}:${r.externalId}`;
    return { key, system: r.system, personId: r.personId, customerId: customerOf.get(key) ?? null };
  });
  const classes: DatasetReport['classes'] = {};
  for (const c of NOISE_CLASSES) {
    const marked = facts.recordsOf.get(c.id);
    if (!marked || marked.size === 0) continue;
    classes[c.id] = { ...touchingScore(records, marked), records: marked.size };
  }
  const negatives = Object.fromEntries(
    NEGATIVE_CLASSES.map((n) => [n, wrongMerges(facts.negatives.get(n) ?? new Map(), (key) => customerOf.get(key) ?? null)]),
  ) as Record<NegativeClass, WrongMerges>;
  return {
    ...meta,
    records: records.length,
    linkedRecords: records.filter((r) => r.customerId !== null).length,
    all: pairScore(records),
    crossSystem: pairScore(records, { crossSystem: true }),
    withEvidence: pairScore(records.filter((r) => facts.withEvidence.has(r.key))),
    classes,
    negatives,
  };
}

const f3 = (x: number) => x.toFixed(3);
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

/** A readable table of several reports side by side (one column group per data set). */
export function formatReports(reports: readonly DatasetReport[]): string {
  const out: string[] = [];
  const head = reports.map((r) => `${r.profile}/s${r.seed}`);
  const w = [26, ...reports.flatMap(() => [7, 7, 7, 7])];
  const scoreRow = (label: string, pick: (r: DatasetReport) => (PairScore & { records?: number }) | undefined) =>
    row([label, ...reports.flatMap((r) => {
      const s = pick(r);
      return s ? [f3(s.precision), f3(s.recall), f3(s.f1), s.records ?? s.truePairs] : ['-', '-', '-', '-'];
    })], w);
  // One header cell spanning the four columns of each data set.
  out.push(`${''.padEnd(w[0]!)}${head.map((h) => `  ${h.padStart(4 * 7 + 3 * 2)}`).join('')}`);
  out.push(row(['pairs', ...reports.flatMap(() => ['P', 'R', 'F1', 'n'])], w));
  out.push(scoreRow('all (n = true pairs)', (r) => r.all));
  out.push(scoreRow('cross-system', (r) => r.crossSystem));
  out.push(scoreRow('with usable evidence', (r) => r.withEvidence));
  out.push('');
  out.push(row(['per noise class (n = records)', ...reports.flatMap(() => ['P', 'R', 'F1', 'n'])], w));
  const ids = NOISE_CLASSES.map((c) => c.id).filter((id) => reports.some((r) => r.classes[id]));
  for (const id of ids) out.push(scoreRow(id, (r) => r.classes[id]));
  out.push('');
  const wn = [26, ...reports.map(() => 15)];
  out.push(row(['wrong merges (merged/cand.)', ...head], wn));
  for (const n of NEGATIVE_CLASSES) {
    out.push(row([n, ...reports.map((r) => `${r.negatives[n].mergedPairs}/${r.negatives[n].candidatePairs}`)], wn));
  }
  out.push('');
  for (const r of reports) {
    out.push(`${r.profile}/s${r.seed}: ${r.people} people, ${r.records} records, ${r.linkedRecords} linked${r.backfillMs !== undefined ? `, start-up backfill ${(r.backfillMs / 1000).toFixed(1)} s` : ''}`);
  }
  return out.join('\n');
}
