import type { MatchInput } from './match.ts';
import { emailUnusable, NO_OWN_VALUES, phoneUnusable, type OwnValues } from './values.ts';

/**
 * The seam between matching and the pipeline that feeds it (backfill, real-time sync).
 *
 * `blockingKeys` lists the values two records must share for matching to be able to link them
 * or suggest them as a pair. The pipeline groups records into connected components over these
 * keys and calls `matchRecords` once per component: matching must give the same answer on a
 * component as on the whole data set, so every rule's evidence has to appear here.
 *
 * Never keys: junk, role addresses and the retailer's own values (`own`, see values.ts), and
 * the retailer's own records themselves (they are never linked). The pipeline also drops keys
 * that `isOverShared(keyStats.get(key), limits)` says are over-shared before building
 * components; matchRecords ignores them the same way.
 */
export function blockingKeys(record: MatchInput, own: OwnValues = NO_OWN_VALUES): string[] {
  if (record.retailer) return [];
  const keys = new Set<string>();
  keys.add(`r:${record.system}:${record.externalId}`);
  for (const ref of record.references) keys.add(`r:${ref.system}:${ref.externalId}`);
  for (const [kind, value] of valuesOf(record)) {
    if (kind === 'e' ? emailUnusable(value, own) === null : phoneUnusable(value, own) === null) keys.add(`${kind}:${value}`);
  }
  return [...keys].sort();
}

/** Every email (`e`) and phone (`p`) value of a record: its own, other readings, typo-corrected, typed in messages. */
export function valuesOf(record: MatchInput): ['e' | 'p', string][] {
  return [
    ...record.emails.map((v): ['e', string] => ['e', v]),
    ...(record.typoEmails ?? []).map((v): ['e', string] => ['e', v]),
    ...record.phones.map((v): ['p', string] => ['p', v]),
    ...(record.otherReadings ?? []).map((v): ['p', string] => ['p', v]),
    ...(record.typed ?? []).map((t): ['e' | 'p', string] => [t.kind === 'email' ? 'e' : 'p', t.value]),
  ];
}

/** The name KeyStats counts distinct values of: the record's sorted folded name tokens; '' for no name. */
export const nameKey = (record: MatchInput): string => record.name.tokens.join(' ');

/**
 * How widely a blocking key is shared over the whole data set (not just one component): the
 * pipeline counts these in the database and passes them in, so shared-value cut-offs see the
 * data, not the slice matching is given.
 */
export interface KeyStats {
  /** Distinct records carrying the key. */
  records: number;
  /** Distinct names (`nameKey`) among those records (nameless records not counted). */
  names: number;
}

/** KeyStats counted from a set of records, as the pipeline counts them over the whole data set. */
export function countKeyStats(records: Iterable<MatchInput>, own: OwnValues = NO_OWN_VALUES): Map<string, KeyStats> {
  const names = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const r of records) {
    const name = nameKey(r);
    for (const key of blockingKeys(r, own)) {
      if (key.startsWith('r:')) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!names.has(key)) names.set(key, new Set());
      if (name) names.get(key)!.add(name);
    }
  }
  return new Map([...counts].map(([key, n]) => [key, { records: n, names: names.get(key)!.size }]));
}
