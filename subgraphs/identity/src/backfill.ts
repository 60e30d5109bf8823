import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { IDENTITY_FEED_PATH, type SourceRecord, type SourceRecordPage } from '../../../lib/identity-feed.ts';
import type { Logger } from '../../../lib/logger.ts';
import { internalHeaders, processInternalKey } from '../../../lib/authorization/index.ts';
import type { IdentitySource } from './config.ts';
import type { Db, Queryable } from './db/index.ts';
import { type MatchOptions, matchRecords, recordKey, type Edge, type LinkRule, type MatchResult } from './matching/match.ts';
import { normalizeRecord } from './matching/record.ts';
import { derivedCustomerId, splitKey } from './store.ts';

export interface BackfillOptions {
  db: Db;
  sources: readonly IdentitySource[];
  logger: Logger;
  pageSize: number;
  timeoutMs: number;
  defaultRegion: string;
  /** Countries a region-less local number is read in (see phoneReadings); none: the default region only. */
  phoneMarkets?: readonly string[];
  maxRecordsPerValue: number;
  /** The rest of matchRecords' options from the configuration (config.ts matchOptions). */
  matchOptions?: Partial<MatchOptions>;
}

export interface BackfillReport {
  sources: { name: string; records: number; error: string | null }[];
  recordsRead: number;
  customersCreated: number;
  linksCreated: number;
  suggestionsCreated: number;
  durationMs: number;
}

const ACTOR = 'backfill';

/**
 * Reads every source's identity feed, stores the records, matches, and writes links,
 * suggestions and audit entries. Idempotent: a second run over the same data changes nothing.
 *
 * Existing links are never moved by backfill (a person may have decided them): new records join
 * the customer their cluster already has; when matching would join two existing customers it
 * writes a suggestion instead of merging.
 */
export async function runBackfill(opts: BackfillOptions): Promise<BackfillReport> {
  const started = performance.now();
  const sources: BackfillReport['sources'] = [];
  for (const source of opts.sources) {
    // One source failing must not lose the others: each page is stored as soon as it is read.
    let records = 0;
    let error: string | null = null;
    try {
      for await (const page of readFeed(source, opts.pageSize, opts.timeoutMs)) {
        await upsertRecords(opts.db, page, opts.defaultRegion, opts.phoneMarkets ?? []);
        records += page.length;
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      opts.logger.warn({ source: source.name, records, err: error }, 'identity feed failed; continuing with the other sources');
    }
    sources.push({ name: source.name, records, error });
  }
  const applied = await matchAndLink(opts);
  const report: BackfillReport = {
    sources,
    recordsRead: sources.reduce((n, s) => n + s.records, 0),
    ...applied,
    durationMs: Math.round(performance.now() - started),
  };
  opts.logger.info(report, 'identity backfill done');
  return report;
}

async function* readFeed(source: IdentitySource, limit: number, timeoutMs: number): AsyncGenerator<SourceRecord[]> {
  let after: string | null = null;
  for (let pages = 0; pages < 100_000; pages++) {
    const url = new URL(`${source.baseUrl}${IDENTITY_FEED_PATH}`);
    url.searchParams.set('limit', String(limit));
    if (after) url.searchParams.set('after', after);
    let res;
    try {
      // The feed is an internal call: signed per page (tokens live 60 s), as the hub itself, with no roles.
      const signed = internalHeaders(processInternalKey(), source.name, { actor: 'service:identity', roles: [], requestId: randomUUID(), issuer: 'identity' });
      res = await request(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json', ...signed } });
    } catch (err) {
      throw new Error(`UPSTREAM_UNAVAILABLE: ${source.name} feed unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`UPSTREAM_ERROR: ${source.name} feed answered ${res.statusCode}`);
    const page = JSON.parse(text) as SourceRecordPage;
    if (page.records.length > 0) yield page.records;
    if (!page.next || page.next === after) return;
    after = page.next;
  }
}

async function upsertRecords(db: Db, records: SourceRecord[], defaultRegion: string, phoneMarkets: readonly string[]): Promise<void> {
  const rows = records.map((r) => {
    const n = normalizeRecord(r, defaultRegion, phoneMarkets);
    return {
      system: r.system,
      external_id: r.externalId,
      kind: r.kind,
      emails: n.emails,
      phones: n.phones,
      given_folded: n.name.given,
      family_folded: n.name.family,
      name_folded: n.nameFolded,
      record: r,
      updated_at: r.updatedAt,
    };
  });
  // One statement per page; an unchanged record is not rewritten (a re-run stays a no-op).
  await db.query(
    `INSERT INTO source_records (system, external_id, kind, emails, phones, given_folded, family_folded, name_folded, record, updated_at)
     SELECT system, external_id, kind, emails, phones, given_folded, family_folded, name_folded, record, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, kind text, emails text[], phones text[],
            given_folded text, family_folded text, name_folded text, record jsonb, updated_at timestamptz)
     ON CONFLICT (system, external_id) DO UPDATE SET kind = EXCLUDED.kind, emails = EXCLUDED.emails, phones = EXCLUDED.phones,
       given_folded = EXCLUDED.given_folded, family_folded = EXCLUDED.family_folded, name_folded = EXCLUDED.name_folded,
       record = EXCLUDED.record, updated_at = EXCLUDED.updated_at, fetched_at = now()
     WHERE source_records.record IS DISTINCT FROM EXCLUDED.record`,
    [JSON.stringify(dedupe(rows))],
  );
}

/** A feed page repeating a record would make ON CONFLICT touch one row twice in one statement. */
function dedupe<T extends { system: string; external_id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [`${r.system}:${r.external_id}`, r])).values()];
}

interface PlannedLink {
  system: string;
  external_id: string;
  customer_id: string;
  rule: LinkRule;
  evidence: Record<string, unknown>;
}

interface PlannedSuggestion {
  system_a: string;
  external_id_a: string;
  system_b: string;
  external_id_b: string;
  rule: string;
  evidence: Record<string, unknown>;
}

/** Matches every stored record and writes what is new, in one transaction. */
async function matchAndLink(opts: BackfillOptions): Promise<Pick<BackfillReport, 'customersCreated' | 'linksCreated' | 'suggestionsCreated'>> {
  return opts.db.transaction(async (tx) => {
    const stored = await tx.query<{ record: SourceRecord }>('SELECT record FROM source_records');
    const result = matchRecords(
      stored.map((r) => normalizeRecord(r.record, opts.defaultRegion, opts.phoneMarkets ?? [])),
      { maxRecordsPerValue: opts.maxRecordsPerValue, ...opts.matchOptions },
    );
    const hubLinks = await linkHubReferences(tx);
    const linkRows = await tx.query('SELECT system, external_id, customer_id, rule FROM links');
    const existing = new Map(linkRows.map((r) => [recordKey(String(r.system), String(r.external_id)), { customerId: String(r.customer_id), rule: String(r.rule) }]));
    const existingIds = new Set((await tx.query('SELECT id FROM customers')).map((r) => String(r.id)));
    const plan = planLinks(result, existing, existingIds);

    await insertRows(
      tx,
      `INSERT INTO customers (id, created_by) SELECT id, '${ACTOR}' FROM jsonb_to_recordset($1::jsonb) AS x(id text) ON CONFLICT (id) DO NOTHING RETURNING id`,
      plan.customers.map((id) => ({ id })),
    );
    const created = await insertRows(
      tx,
      `INSERT INTO links (system, external_id, customer_id, rule, evidence, created_by)
       SELECT system, external_id, customer_id, rule, evidence, '${ACTOR}'
         FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)
       ON CONFLICT (system, external_id) DO NOTHING RETURNING system, external_id, customer_id, rule, evidence`,
      plan.links,
    );
    await insertRows(
      tx,
      `INSERT INTO audit_log (action, customer_ids, actor, reason, details)
       SELECT 'LINK', ARRAY[customer_id], '${ACTOR}', 'automatic matching', jsonb_build_object('system', system, 'externalId', external_id, 'rule', rule, 'evidence', evidence)
         FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)`,
      created,
    );
    const suggested = await insertRows(
      tx,
      `INSERT INTO match_suggestions (system_a, external_id_a, system_b, external_id_b, rule, evidence)
       SELECT system_a, external_id_a, system_b, external_id_b, rule, evidence
         FROM jsonb_to_recordset($1::jsonb) AS x(system_a text, external_id_a text, system_b text, external_id_b text, rule text, evidence jsonb)
       ON CONFLICT DO NOTHING RETURNING id`,
      plan.suggestions,
    );
    const newCustomers = new Set(created.map((r) => String(r.customer_id)).filter((id) => !existingIds.has(id)));
    return { customersCreated: newCustomers.size, linksCreated: hubLinks + created.length, suggestionsCreated: suggested.length };
  });
}

/**
 * Records that name a hub customer (a reference to system "identity": a CRM contact created for
 * that customer by recordInteraction carries `omnigraph_customer_id`) are linked to that customer
 * (or the survivor it was merged into) before matching, which then treats them as linked like any
 * other record. An unknown customer id is ignored; a record already linked is never moved.
 */
async function linkHubReferences(tx: Queryable): Promise<number> {
  const wanted = await tx.query<{ system: string; external_id: string; customer_id: string; via: string | null }>(
    `SELECT s.system, s.external_id, ref->>'externalId' AS customer_id, ref->>'via' AS via
       FROM source_records s
       CROSS JOIN LATERAL jsonb_array_elements(COALESCE(s.record->'references', '[]'::jsonb)) AS ref
       LEFT JOIN links l ON l.system = s.system AND l.external_id = s.external_id
      WHERE ref->>'system' = 'identity' AND l.system IS NULL`,
  );
  if (wanted.length === 0) return 0;
  const ids = [...new Set(wanted.map((w) => w.customer_id))];
  const merged = new Map(
    (
      await tx.query<{ id: string; merged_into: string | null }>(
        `WITH RECURSIVE chain(id, merged_into, depth) AS (
           SELECT id, merged_into, 0 FROM customers WHERE id = ANY($1::text[])
           UNION ALL SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 100)
         SELECT DISTINCT id, merged_into FROM chain`,
        [ids],
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
  const seen = new Set<string>();
  const rows = wanted.flatMap((w) => {
    const target = survivor(w.customer_id);
    const key = recordKey(w.system, w.external_id);
    if (!target || seen.has(key)) return [];
    seen.add(key);
    return [{ system: w.system, external_id: w.external_id, customer_id: target, rule: 'EXPLICIT_REFERENCE', evidence: { from: key, to: `identity:${w.customer_id}`, via: w.via ?? 'customer reference' } }];
  });
  const created = await insertRows(
    tx,
    `INSERT INTO links (system, external_id, customer_id, rule, evidence, created_by)
     SELECT system, external_id, customer_id, rule, evidence, '${ACTOR}'
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)
     ON CONFLICT (system, external_id) DO NOTHING RETURNING system, external_id, customer_id, rule, evidence`,
    rows,
  );
  await insertRows(
    tx,
    `INSERT INTO audit_log (action, customer_ids, actor, reason, details)
     SELECT 'LINK', ARRAY[customer_id], '${ACTOR}', 'record names its customer', jsonb_build_object('system', system, 'externalId', external_id, 'rule', rule, 'evidence', evidence)
       FROM jsonb_to_recordset($1::jsonb) AS x(system text, external_id text, customer_id text, rule text, evidence jsonb)`,
    created,
  );
  return created.length;
}

async function insertRows(tx: Queryable, sql: string, rows: readonly object[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // Chunks keep each statement's JSON parameter a reasonable size.
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await tx.query(sql, [JSON.stringify(rows.slice(i, i + 2000))])));
  return out;
}

/**
 * Turns clusters into new customers, new links and suggestions, given the links that exist.
 * Pure, so the decisions can be read (and tested) apart from the SQL.
 */
export function planLinks(
  result: MatchResult,
  existing: ReadonlyMap<string, { customerId: string; rule: string }>,
  existingCustomerIds: ReadonlySet<string>,
): { customers: string[]; links: PlannedLink[]; suggestions: PlannedSuggestion[] } {
  const customers: string[] = [];
  const links: PlannedLink[] = [];
  const suggestions: PlannedSuggestion[] = [];
  const taken = new Set(existingCustomerIds);
  const ownerAfter = new Map<string, string>([...existing].map(([k, v]) => [k, v.customerId]));
  const suggest = (a: string, b: string, rule: string, evidence: Record<string, unknown>) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const sx = splitKey(x);
    const sy = splitKey(y);
    suggestions.push({ system_a: sx.system, external_id_a: sx.externalId, system_b: sy.system, external_id_b: sy.externalId, rule, evidence });
  };

  for (const cluster of result.clusters) {
    const linked = cluster.members.filter((m) => existing.has(m));
    let target: string;
    let starts: string[];
    if (linked.length === 0) {
      target = derivedCustomerId(cluster.anchor);
      // A derived id can only be taken if its anchor record once belonged to another cluster; salt it then.
      for (let salt = 2; taken.has(target); salt++) target = derivedCustomerId(`${cluster.anchor}#${salt}`);
      taken.add(target);
      customers.push(target);
      starts = [cluster.anchor];
    } else {
      const counts = new Map<string, number>();
      for (const m of linked) {
        const id = existing.get(m)!.customerId;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      target = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
      starts = linked.filter((m) => existing.get(m)!.customerId === target);
    }

    // Breadth-first from what the customer already holds: each new record is linked with the
    // rule and evidence of the edge that reached it.
    const adjacency = new Map<string, Edge[]>();
    for (const e of cluster.edges) {
      adjacency.set(e.a, [...(adjacency.get(e.a) ?? []), e]);
      adjacency.set(e.b, [...(adjacency.get(e.b) ?? []), e]);
    }
    const reached = new Map<string, { rule: LinkRule; evidence: Record<string, unknown> }>();
    const queue = [...starts];
    for (const s of starts) reached.set(s, { rule: 'FIRST_RECORD', evidence: {} });
    while (queue.length > 0) {
      const at = queue.shift()!;
      for (const e of adjacency.get(at) ?? []) {
        const other = e.a === at ? e.b : e.a;
        if (reached.has(other)) continue;
        reached.set(other, { rule: e.rule, evidence: { ...e.evidence, matchedWith: at } });
        queue.push(other);
      }
    }
    for (const member of cluster.members) {
      if (existing.has(member)) continue;
      const how = reached.get(member) ?? { rule: 'FIRST_RECORD' as const, evidence: {} };
      const { system, externalId } = splitKey(member);
      links.push({ system, external_id: externalId, customer_id: target, rule: how.rule, evidence: how.evidence });
      ownerAfter.set(member, target);
    }

    // Matching joins records that already sit on different customers: never merge on our own.
    for (const e of cluster.edges) {
      const ea = existing.get(e.a);
      const eb = existing.get(e.b);
      if (!ea || !eb || ea.customerId === eb.customerId || ea.rule === 'MANUAL' || eb.rule === 'MANUAL') continue;
      suggest(e.a, e.b, e.rule, { ...e.evidence, reason: 'LINKED_TO_DIFFERENT_CUSTOMERS' });
    }
  }

  for (const s of result.suggestions) {
    const ca = ownerAfter.get(s.a);
    if (ca && ca === ownerAfter.get(s.b)) continue;
    suggest(s.a, s.b, s.rule, s.evidence);
  }
  return { customers, links, suggestions };
}
