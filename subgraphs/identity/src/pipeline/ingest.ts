import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import type { Queryable } from '../db/index.ts';
import { blockingKeys, nameKey } from '../matching/blocking.ts';
import { normalizeRecord } from '../matching/record.ts';

export interface NormalizeOptions {
  defaultRegion: string;
  /** Countries a region-less local number is read in (see phoneReadings). */
  phoneMarkets: readonly string[];
}

export interface IngestResult {
  /** Records stored for the first time or changed (raw record or its normalisation): they need linking. */
  changed: number[];
  /** Latest `updatedAt` among the records given (the source's clock), for the sync watermark. */
  maxUpdatedAt: string | null;
}

/**
 * Stores a batch of feed records and their blocking keys: one upsert of the records, one delete
 * and one insert of the keys of those that changed. A record that is byte-for-byte the same as
 * stored and normalises the same is not rewritten, so reading a feed twice writes nothing.
 * Normalisation is stored with the record (`norm`) and refreshed whenever it changes (a new
 * normalisation rule reaches every record at the next full read).
 */
export async function ingestRecords(
  db: Queryable,
  records: readonly SourceRecord[],
  opts: NormalizeOptions & {
    /** Mark changed records pending for the real-time linker (a full backfill links everything itself). */
    markPending: boolean;
  },
): Promise<IngestResult> {
  let maxUpdatedAt: string | null = null;
  // A page repeating a record would make ON CONFLICT touch one row twice in one statement: last one wins.
  const unique = new Map<string, SourceRecord>();
  for (const r of records) {
    unique.set(`${r.system}:${r.externalId}`, r);
    if (!maxUpdatedAt || Date.parse(r.updatedAt) > Date.parse(maxUpdatedAt)) maxUpdatedAt = r.updatedAt;
  }
  if (unique.size === 0) return { changed: [], maxUpdatedAt };
  const rows = [...unique.values()].map((r) => {
    const norm = normalizeRecord(r, opts.defaultRegion, opts.phoneMarkets);
    return {
      system: r.system,
      external_id: r.externalId,
      kind: r.kind,
      emails: norm.emails,
      phones: norm.phones,
      given_folded: norm.name.given,
      family_folded: norm.name.family,
      name_folded: norm.nameFolded,
      record: r,
      norm,
      updated_at: r.updatedAt,
    };
  });
  const changed = await db.query<{ rid: string; system: string; external_id: string }>(
    `INSERT INTO source_records (system, external_id, kind, emails, phones, given_folded, family_folded, name_folded, record, norm, updated_at, pending)
     SELECT system, external_id, kind, emails, phones, given_folded, family_folded, name_folded, record, norm, updated_at,
            CASE WHEN $2::boolean THEN nextval('record_changes') END
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, kind text, emails text[], phones text[],
            given_folded text, family_folded text, name_folded text, record jsonb, norm jsonb, updated_at timestamptz)
     ON CONFLICT (system, external_id) DO UPDATE SET kind = EXCLUDED.kind, emails = EXCLUDED.emails, phones = EXCLUDED.phones,
       given_folded = EXCLUDED.given_folded, family_folded = EXCLUDED.family_folded, name_folded = EXCLUDED.name_folded,
       record = EXCLUDED.record, norm = EXCLUDED.norm, updated_at = EXCLUDED.updated_at, fetched_at = now(),
       pending = CASE WHEN $2::boolean THEN nextval('record_changes') ELSE source_records.pending END
     WHERE source_records.record IS DISTINCT FROM EXCLUDED.record OR source_records.norm IS DISTINCT FROM EXCLUDED.norm
     RETURNING rid, system, external_id`,
    [JSON.stringify(rows), opts.markPending],
  );
  if (changed.length === 0) return { changed: [], maxUpdatedAt };

  const byKey = new Map(rows.map((r) => [`${r.system}:${r.external_id}`, r]));
  const keys: string[] = [];
  const rids: number[] = [];
  const names: string[] = [];
  for (const row of changed) {
    const stored = byKey.get(`${row.system}:${row.external_id}`)!;
    for (const key of blockingKeys(stored.norm)) {
      keys.push(key);
      rids.push(Number(row.rid));
      names.push(nameKey(stored.norm));
    }
  }
  const changedRids = changed.map((r) => Number(r.rid));
  // A changed record's old keys go: a phone it no longer carries must not keep it in a component.
  await db.query('DELETE FROM record_keys WHERE rid = ANY($1::bigint[])', [changedRids]);
  await db.query(
    `INSERT INTO record_keys (key, rid, name) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
    [keys, rids, names],
  );
  return { changed: changedRids, maxUpdatedAt };
}
