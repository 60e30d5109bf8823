import type { MatchInput } from './match.ts';

/**
 * The seam between matching and the pipeline that feeds it (backfill, real-time sync).
 *
 * `blockingKeys` lists the values two records must share for matching to be able to link them
 * or suggest them as a pair. The pipeline groups records into connected components over these
 * keys and calls `matchRecords` once per component: matching must give the same answer on a
 * component as on the whole data set, so every rule's evidence has to appear here.
 */
export function blockingKeys(record: MatchInput): string[] {
  const keys = new Set<string>();
  keys.add(`r:${record.system}:${record.externalId}`);
  for (const ref of record.references) keys.add(`r:${ref.system}:${ref.externalId}`);
  for (const email of record.emails) keys.add(`e:${email}`);
  for (const phone of record.phones) keys.add(`p:${phone}`);
  for (const phone of record.otherReadings ?? []) keys.add(`p:${phone}`);
  return [...keys].sort();
}

/**
 * How widely a blocking key is shared over the whole data set (not just one component): the
 * pipeline counts these in the database and passes them in, so shared-value cut-offs see the
 * data, not the slice matching is given.
 */
export interface KeyStats {
  /** Distinct records carrying the key. */
  records: number;
  /** Distinct folded full names among those records (nameless records not counted). */
  names: number;
}
