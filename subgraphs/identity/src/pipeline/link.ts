import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import type { Db, Queryable } from '../db/index.ts';
import { blockingKeys, type KeyStats } from '../matching/blocking.ts';
import { matchRecords, recordKey, type MatchOptions, type MatchResult } from '../matching/match.ts';
import { mergeOwnValues, NO_OWN_VALUES, ownValuesOf } from '../matching/values.ts';
import { normalizeRecord, type NormalizedRecord } from '../matching/record.ts';
import { derivedCustomerId } from '../store.ts';
import type { NormalizeOptions } from './ingest.ts';
import { planLinks } from './plan.ts';

/** The advisory lock every pipeline write transaction holds: links are planned and written by one process at a time. */
export const LINK_LOCK = 741_852_964;
const ACTOR = 'backfill';

export interface LinkOptions extends NormalizeOptions {
  maxRecordsPerValue: number;
  /** Keys carried by more records than this join no component and are no evidence (components.ts). */
  maxKeyRecords: number;
  /** The rest of matchRecords' options from the configuration (config.ts matchOptions: names cut-off, scorer, configured own domains). */
  matchOptions?: Partial<MatchOptions>;
}

export interface LinkCounts {
  customersCreated: number;
  linksCreated: number;
  suggestionsCreated: number;
}

interface Loaded {
  rid: number;
  key: string;
  norm: NormalizedRecord;
  pending: string | null;
}

/**
 * Links one batch of whole components (components.ts): matches the batch's records with the
 * data-set-wide statistics of their keys, then, in one transaction under LINK_LOCK, reads the
 * links those records have now, plans (plan.ts: never move a link, suggest instead of joining two
 * customers) and writes customers, links, audit entries and suggestions in multi-row statements.
 * The same function serves the full reconciliation and the real-time linker, so both apply the
 * same rules. `clearPending`: the real-time linker's records are marked done in the same transaction.
 */
export async function linkComponents(db: Db, rids: readonly number[], opts: LinkOptions, clearPending = false): Promise<LinkCounts> {
  return writeMatched(db, await matchComponents(db, rids, opts), clearPending);
}

/** A batch of components read and matched, ready for writeMatched. */
export interface MatchedBatch {
  loaded: Loaded[];
  result: MatchResult;
}

/**
 * The read-and-match half of linkComponents: reads only the records and key statistics (which the
 * linker never writes), so the full reconciliation matches the next batch while the previous one
 * is written. The links a batch plans from are read in writeMatched, under the lock.
 */
export async function matchComponents(db: Queryable, rids: readonly number[], opts: LinkOptions): Promise<MatchedBatch> {
  if (rids.length === 0) return { loaded: [], result: { clusters: [], suggestions: [], overShared: [] } };
  const rows = await db.query<{ rid: string; system: string; external_id: string; norm: NormalizedRecord | null; record: SourceRecord | null; pending: string | null }>(
    `SELECT rid, system, external_id, norm, CASE WHEN norm IS NULL THEN record END AS record, pending::text AS pending
       FROM source_records WHERE rid = ANY($1::bigint[])`,
    [rids],
  );
  const loaded: Loaded[] = rows.map((r) => ({
    rid: Number(r.rid),
    key: recordKey(r.system, r.external_id),
    // Rows stored before norm existed are normalised here; the next full read stores their norm.
    norm: r.norm ?? normalizeRecord(r.record!, opts.defaultRegion, opts.phoneMarkets),
    pending: r.pending,
  }));
  const keyStats = await statsOf(db, loaded.map((l) => l.norm));
  const tooShared = new Set([...keyStats].filter(([, s]) => s.records > opts.maxKeyRecords).map(([k]) => k));
  const result = matchRecords(
    loaded.map((l) => withoutKeys(l.norm, tooShared)),
    { ...opts.matchOptions, maxRecordsPerValue: opts.maxRecordsPerValue, keyStats },
  );
  return { loaded, result };
}

/** The write half of linkComponents: one transaction under LINK_LOCK. */
export async function writeMatched(db: Db, { loaded, result }: MatchedBatch, clearPending = false): Promise<LinkCounts> {
  if (loaded.length === 0) return { customersCreated: 0, linksCreated: 0, suggestionsCreated: 0 };
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LINK_LOCK]);
    // Pipeline writes are re-derivable from the feeds (a crash loses at most a batch a re-run redoes).
    await tx.query('SET LOCAL synchronous_commit = off');
    const hubLinks = await linkHubReferences(tx, loaded);
    const counts = await writePlan(tx, result, loaded);
    if (clearPending) {
      const done = loaded.filter((l) => l.pending !== null);
      // Only if unchanged since read: a record changed meanwhile stays pending and is linked again.
      if (done.length > 0) {
        await tx.query(
          `UPDATE source_records s SET pending = NULL FROM unnest($1::bigint[], $2::bigint[]) AS d(rid, seen)
            WHERE s.rid = d.rid AND s.pending = d.seen`,
          [done.map((l) => l.rid), done.map((l) => l.pending)],
        );
      }
    }
    return { ...counts, linksCreated: counts.linksCreated + hubLinks };
  });
}

/** The fields of a pipeline's options (backfill.ts, sync.ts) linking reads. */
export interface PipelineLinkOptions {
  defaultRegion: string;
  phoneMarkets?: readonly string[];
  maxRecordsPerValue: number;
  /** Default maxRecordsPerValue. */
  maxKeyRecords?: number;
  matchOptions?: Partial<MatchOptions>;
}

/**
 * A linking run's options (a backfill, a sync tick): the pipeline's, with the retailer's own
 * contact values over the whole data set added to the configured ones: the feeds serve stores
 * and the shop itself as retailer records (never linked); their emails and phones are never a
 * customer's evidence, in whichever component they were typed. Read once per linking run, not
 * per batch; a partial index keeps it a small read.
 */
export async function linkRunOptions(db: Queryable, opts: PipelineLinkOptions): Promise<LinkOptions> {
  const rows = await db.query<{ norm: NormalizedRecord }>(`SELECT norm FROM source_records WHERE norm->>'retailer' = 'true'`);
  const ownValues = mergeOwnValues(opts.matchOptions?.ownValues ?? NO_OWN_VALUES, ownValuesOf(rows.map((r) => r.norm)));
  return {
    defaultRegion: opts.defaultRegion,
    phoneMarkets: opts.phoneMarkets ?? [],
    maxRecordsPerValue: opts.maxRecordsPerValue,
    maxKeyRecords: opts.maxKeyRecords ?? opts.maxRecordsPerValue,
    matchOptions: { ...opts.matchOptions, ownValues },
  };
}

/** Records and distinct folded names per key, over every stored record (not just this batch). */
async function statsOf(db: Queryable, norms: readonly NormalizedRecord[]): Promise<Map<string, KeyStats>> {
  const keys = [...new Set(norms.flatMap((n) => blockingKeys(n)))];
  const rows = await db.query<{ key: string; records: number; names: number }>(
    // A join on the unnested keys: one primary-key probe per key, whatever the table's size.
    `SELECT r.key, count(*)::int AS records, count(DISTINCT NULLIF(r.name, ''))::int AS names
       FROM unnest($1::text[]) AS k(key) JOIN record_keys r ON r.key = k.key GROUP BY r.key`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, { records: r.records, names: r.names }]));
}

/**
 * The record without the values whose keys join no component: whole-set matching would see them
 * carried by too many records, and a batch holds only some of their carriers. Follows the key
 * prefixes of matching/blocking.ts (e: email, p: phone, r: record reference).
 */
export function withoutKeys(norm: NormalizedRecord, banned: ReadonlySet<string>): NormalizedRecord {
  if (banned.size === 0) return norm;
  return {
    ...norm,
    emails: norm.emails.filter((e) => !banned.has(`e:${e}`)),
    typoEmails: (norm.typoEmails ?? []).filter((e) => !banned.has(`e:${e}`)),
    typed: (norm.typed ?? []).filter((t) => !banned.has(`${t.kind === 'email' ? 'e' : 'p'}:${t.value}`)),
    phones: norm.phones.filter((p) => !banned.has(`p:${p}`)),
    otherReadings: (norm.otherReadings ?? []).filter((p) => !banned.has(`p:${p}`)),
    references: norm.references.filter((r) => !banned.has(`r:${r.system}:${r.externalId}`)),
  };
}

async function writePlan(tx: Queryable, result: MatchResult, loaded: readonly Loaded[]): Promise<LinkCounts> {
  const linkRows = await tx.query<{ system: string; external_id: string; customer_id: string; rule: string }>(
    `SELECT system, external_id, customer_id, rule FROM links
      WHERE (system, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [loaded.map((l) => l.norm.system), loaded.map((l) => l.norm.externalId)],
  );
  const existing = new Map(linkRows.map((r) => [recordKey(r.system, r.external_id), { customerId: r.customer_id, rule: r.rule }]));
  // Ids a new cluster could take (its anchor's derived id, salted when taken): which already exist.
  const candidates = result.clusters
    .filter((c) => !c.members.some((m) => existing.has(m)))
    .flatMap((c) => [c.anchor, `${c.anchor}#2`, `${c.anchor}#3`, `${c.anchor}#4`].map(derivedCustomerId));
  const taken = new Set(
    candidates.length === 0 ? [] : (await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = ANY($1::text[])', [candidates])).map((r) => r.id),
  );
  const plan = planLinks(result, existing, taken);

  await insertRows(
    tx,
    `INSERT INTO customers (id, created_by) SELECT id, '${ACTOR}' FROM jsonb_to_recordset($1::jsonb) AS x(id text) ON CONFLICT (id) DO NOTHING RETURNING id`,
    plan.customers.map((id) => ({ id })),
  );
  const created = await insertLinks(tx, plan.links, 'automatic matching');
  const suggested = await insertRows(
    tx,
    `INSERT INTO match_suggestions (system_a, external_id_a, system_b, external_id_b, rule, evidence)
     SELECT system_a, external_id_a, system_b, external_id_b, rule, evidence
       FROM jsonb_to_recordset($1::jsonb) AS x(system_a text, external_id_a text, system_b text, external_id_b text, rule text, evidence jsonb)
     ON CONFLICT DO NOTHING RETURNING id`,
    plan.suggestions,
  );
  const planned = new Set(plan.customers);
  const newCustomers = new Set(created.map((r) => String(r.customer_id)).filter((id) => planned.has(id)));
  return { customersCreated: newCustomers.size, linksCreated: created.length, suggestionsCreated: suggested.length };
}

/** Links (ON CONFLICT DO NOTHING: a link made meanwhile by a person wins) and one audit entry per link made. */
async function insertLinks(tx: Queryable, links: readonly object[], reason: string): Promise<Record<string, unknown>[]> {
  const created = await insertRows(
    tx,
    `INSERT INTO links (system, external_id, customer_id, rule, evidence, created_by)
     SELECT system, external_id, customer_id, rule, evidence, '${ACTOR}'
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)
     ON CONFLICT (system, external_id) DO NOTHING RETURNING system, external_id, customer_id, rule, evidence`,
    links,
  );
  await insertRows(
    tx,
    `INSERT INTO audit_log (action, customer_ids, actor, reason, details)
     SELECT 'LINK', ARRAY[customer_id], '${ACTOR}', '${reason.replace(/'/g, "''")}', jsonb_build_object('system', system, 'externalId', external_id, 'rule', rule, 'evidence', evidence)
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)`,
    created,
  );
  return created;
}

/**
 * Records that name a hub customer (a reference to system "identity": a CRM contact created for
 * that customer by recordInteraction carries `omnigraph_customer_id`) are linked to that customer,
 * or the survivor it was merged into, before planning, which then treats them as linked like any
 * other record. An unknown customer id is ignored; a record already linked is never moved.
 */
async function linkHubReferences(tx: Queryable, loaded: readonly Loaded[]): Promise<number> {
  const wanted = loaded.flatMap((l) =>
    l.norm.references.filter((r) => r.system === 'identity').slice(0, 1).map((r) => ({ key: l.key, system: l.norm.system, externalId: l.norm.externalId, customerId: r.externalId, via: r.via })),
  );
  if (wanted.length === 0) return 0;
  const linked = new Set(
    (
      await tx.query<{ system: string; external_id: string }>(
        'SELECT system, external_id FROM links WHERE (system, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [wanted.map((w) => w.system), wanted.map((w) => w.externalId)],
      )
    ).map((r) => recordKey(r.system, r.external_id)),
  );
  const open = wanted.filter((w) => !linked.has(w.key));
  if (open.length === 0) return 0;
  const merged = new Map(
    (
      await tx.query<{ id: string; merged_into: string | null }>(
        `WITH RECURSIVE chain(id, merged_into, depth) AS (
           SELECT id, merged_into, 0 FROM customers WHERE id = ANY($1::text[])
           UNION ALL SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 100)
         SELECT DISTINCT id, merged_into FROM chain`,
        [[...new Set(open.map((w) => w.customerId))]],
      )
    ).map((r) => [r.id, r.merged_into]),
  );
  const survivor = (id: string): string | null => {
    let current = id;
    for (let i = 0; i < 100; i++) {
      if (!merged.has(current)) return null;
      const next = merged.get(current);
      if (!next) return current;
      current = next;
    }
    return null;
  };
  const rows = open.flatMap((w) => {
    const target = survivor(w.customerId);
    if (!target) return [];
    return [{ system: w.system, external_id: w.externalId, customer_id: target, rule: 'EXPLICIT_REFERENCE', evidence: { from: w.key, to: `identity:${w.customerId}`, via: w.via ?? 'customer reference' } }];
  });
  return (await insertLinks(tx, rows, 'record names its customer')).length;
}

async function insertRows(tx: Queryable, sql: string, rows: readonly object[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // Chunks keep each statement's JSON parameter a reasonable size.
  for (let i = 0; i < rows.length; i += 5000) out.push(...(await tx.query(sql, [JSON.stringify(rows.slice(i, i + 5000))])));
  return out;
}
