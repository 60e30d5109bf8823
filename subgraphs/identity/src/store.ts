import { canonicalEmail } from './matching/email.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { codedError, ErrorCode, badInput } from '../../../lib/errors.ts';
import type { Db, Queryable, Row } from './db/index.ts';
import type { LinkRule } from './matching/match.ts';
import { foldName, normalizeEmail, normalizePhone } from './matching/normalize.ts';
import type {
  CustomerModel,
  DecideSuggestionResultModel,
  LinkedRecord,
  LinkRecordResultModel,
  MatchSuggestionModel,
  MergeResultModel,
  SourceLinkModel,
  UnlinkRecordResultModel,
  UnmergeResultModel,
} from './mappers.ts';

/**
 * Every SQL statement of the hub. Reads are batch-shaped (one query per DataLoader batch);
 * writes run in one transaction each, behind an idempotency key, and append to the audit log.
 */

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A new cluster's id: derived from its smallest `system:externalId`, so a rebuild gives the same ids. */
export const derivedCustomerId = (seed: string) => `cus_${base32(createHash('sha256').update(seed).digest(), 16)}`;
/** Ids made by people's decisions (unlink) are random: the decision, not the data, created them. */
export const randomCustomerId = () => `cus_${base32(randomBytes(10), 16)}`;

export const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const json = (value: unknown) => JSON.stringify(value);

const toCustomer = (row: Row): CustomerModel => ({ id: String(row.id), createdAt: iso(row.created_at) });
const toLink = (row: Row): SourceLinkModel => ({
  system: String(row.system),
  externalId: String(row.external_id),
  customerId: String(row.customer_id),
  rule: row.rule as LinkRule,
  evidence: (row.evidence ?? {}) as Record<string, unknown>,
  linkedAt: iso(row.created_at),
});
const toSuggestion = (row: Row): MatchSuggestionModel => ({
  id: String(row.id),
  a: { system: String(row.system_a), externalId: String(row.external_id_a) },
  b: { system: String(row.system_b), externalId: String(row.external_id_b) },
  rule: String(row.rule),
  evidence: (row.evidence ?? {}) as Record<string, unknown>,
  status: String(row.status).toUpperCase() as MatchSuggestionModel['status'],
  createdAt: iso(row.created_at),
});

export interface AuditEntry {
  id: string;
  action: string;
  customerIds: string[];
  actor: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}
const toAudit = (row: Row): AuditEntry => ({
  id: String(row.id),
  action: String(row.action),
  customerIds: row.customer_ids as string[],
  actor: String(row.actor),
  reason: (row.reason as string | null) ?? null,
  details: (row.details ?? {}) as Record<string, unknown>,
  at: iso(row.created_at),
});

export const splitKey = (key: string): { system: string; externalId: string } => {
  const at = key.indexOf(':');
  return { system: key.slice(0, at), externalId: key.slice(at + 1) };
};

export async function appendAudit(
  q: Queryable,
  entry: { action: string; customerIds: string[]; actor: string; reason: string | null; details: Record<string, unknown> },
): Promise<string> {
  const [row] = await q.query<{ id: string | number }>(
    'INSERT INTO audit_log (action, customer_ids, actor, reason, details) VALUES ($1, $2::text[], $3, $4, $5::jsonb) RETURNING id',
    [entry.action, entry.customerIds, entry.actor, entry.reason, json(entry.details)],
  );
  return String(row!.id);
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
}

const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
/** Customer cursors carry a customer id, suggestion cursors a numeric id. */
const CUSTOMER_CURSOR = /^cus_[0-9a-z]{1,64}$/i;
const SUGGESTION_CURSOR = /^\d{1,18}$/;
/**
 * The id inside a cursor this API gave out, or BAD_USER_INPUT: base64url decoding accepts
 * almost anything ("garbage" decodes to bytes), so a cursor must re-encode to itself and hold
 * an id of the expected form, rather than silently start an empty page.
 */
function decodeCursor(cursor: string | null | undefined, form: RegExp): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (encodeCursor(decoded) !== cursor || !form.test(decoded)) throw badInput('after is not a cursor this API gave out', 'after');
  return decoded;
}
function pageSize(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('first must be between 1 and 100', 'first');
  return n;
}

export class IdentityStore {
  constructor(
    readonly db: Db,
    private readonly defaultRegion: string,
    private readonly phoneMarkets: readonly string[] = [],
  ) {}

  // ---- reads (one query per DataLoader batch) -------------------------------------------

  /** Customers by id; a merged id resolves to its survivor (following merge chains). */
  async customersByIds(ids: readonly string[]): Promise<Map<string, CustomerModel>> {
    const out = new Map<string, CustomerModel>();
    let pending = new Map<string, string[]>(ids.map((id) => [id, [id]]));
    // Each round follows one merge hop for every id still pointing at a merged customer.
    for (let hop = 0; pending.size > 0 && hop < 20; hop++) {
      const rows = await this.db.query('SELECT id, merged_into, created_at FROM customers WHERE id = ANY($1::text[])', [[...pending.keys()]]);
      const next = new Map<string, string[]>();
      for (const row of rows) {
        const askedBy = pending.get(String(row.id)) ?? [];
        if (row.merged_into) next.set(String(row.merged_into), [...(next.get(String(row.merged_into)) ?? []), ...askedBy]);
        else for (const asked of askedBy) out.set(asked, toCustomer(row));
      }
      pending = next;
    }
    return out;
  }

  /** The customer each `system:externalId` is linked to. */
  async customersBySourceKeys(keys: readonly string[]): Promise<Map<string, CustomerModel>> {
    const parts = keys.map(splitKey);
    const rows = await this.db.query(
      `SELECT l.system, l.external_id, c.id, c.created_at
         FROM links l JOIN customers c ON c.id = l.customer_id
        WHERE (l.system, l.external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [parts.map((p) => p.system), parts.map((p) => p.externalId)],
    );
    return new Map(rows.map((row) => [`${String(row.system)}:${String(row.external_id)}`, toCustomer(row)]));
  }

  async linksByCustomerIds(ids: readonly string[]): Promise<SourceLinkModel[]> {
    const rows = await this.db.query('SELECT * FROM links WHERE customer_id = ANY($1::text[]) ORDER BY system, external_id', [[...ids]]);
    return rows.map(toLink);
  }

  async recordsByCustomerIds(ids: readonly string[]): Promise<LinkedRecord[]> {
    const rows = await this.db.query(
      `SELECT l.customer_id, s.record FROM links l
         JOIN source_records s ON s.system = l.system AND s.external_id = l.external_id
        WHERE l.customer_id = ANY($1::text[])`,
      [[...ids]],
    );
    return rows.map((row) => ({ customerId: String(row.customer_id), record: row.record as SourceRecord }));
  }

  /**
   * Audit entries of each customer, newest first, at most `limit` each. A survivor's trail also
   * holds the entries of the customers merged into it, so a merge never hides history.
   */
  async auditByCustomerIds(ids: readonly string[], limit: number): Promise<Map<string, AuditEntry[]>> {
    const mergedRows = await this.db.query('SELECT id, merged_into FROM customers WHERE merged_into = ANY($1::text[])', [[...ids]]);
    const owners = new Map<string, string[]>(ids.map((id) => [id, [id]]));
    for (const row of mergedRows) owners.set(String(row.id), [...(owners.get(String(row.id)) ?? []), String(row.merged_into)]);
    const rows = await this.db.query(
      `SELECT * FROM (
         SELECT a.*, c AS owner, row_number() OVER (PARTITION BY c ORDER BY a.id DESC) AS rn
           FROM audit_log a, unnest(a.customer_ids) AS c
          WHERE a.customer_ids && $1::text[]) x
        WHERE owner = ANY($1::text[]) AND rn <= $2`,
      [[...owners.keys()], limit],
    );
    const out = new Map<string, Map<string, AuditEntry>>(ids.map((id) => [id, new Map()]));
    for (const row of rows) {
      for (const target of owners.get(String(row.owner)) ?? []) out.get(target)?.set(String(row.id), toAudit(row));
    }
    return new Map(
      [...out].map(([id, entries]) => [id, [...entries.values()].sort((x, y) => Number(y.id) - Number(x.id)).slice(0, limit)]),
    );
  }

  async suggestionsByIds(ids: readonly string[]): Promise<Map<string, MatchSuggestionModel>> {
    const numeric = ids.filter((id) => /^\d{1,18}$/.test(id));
    const rows = await this.db.query('SELECT * FROM match_suggestions WHERE id = ANY($1::bigint[])', [numeric]);
    return new Map(rows.map((row) => [String(row.id), toSuggestion(row)]));
  }

  /** Active customers ordered by id; search matches an email, a phone or a name, normalised. */
  async searchCustomers(search: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<CustomerModel>> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after, CUSTOMER_CURSOR) ?? '';
    const term = (search ?? '').trim();
    let filter = '';
    const params: unknown[] = [afterId, limit + 1];
    if (term) {
      // Stored emails are canonical (matching/email.ts): search the same spelling.
      const typed = term.includes('@') ? normalizeEmail(term) : null;
      const email = typed ? canonicalEmail(typed) : null;
      const phone = !email && /^[+\d\s().-]{6,}$/.test(term) ? normalizePhone(term, null, this.defaultRegion, this.phoneMarkets) : null;
      if (email) {
        params.push(email);
        filter = 'AND s.emails @> ARRAY[$3::text]';
      } else if (phone) {
        params.push(phone);
        filter = 'AND s.phones @> ARRAY[$3::text]';
      } else {
        const folded = foldName(term);
        if (!folded) return { items: [], hasNextPage: false };
        params.push(`%${folded.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
        filter = 'AND s.name_folded LIKE $3';
      }
    }
    const rows = term
      ? await this.db.query(
          `SELECT c.id, c.created_at FROM customers c
            WHERE c.merged_into IS NULL AND c.id > $1 AND EXISTS (
              SELECT 1 FROM links l JOIN source_records s ON s.system = l.system AND s.external_id = l.external_id
               WHERE l.customer_id = c.id ${filter})
            ORDER BY c.id LIMIT $2`,
          params,
        )
      : await this.db.query('SELECT id, created_at FROM customers WHERE merged_into IS NULL AND id > $1 ORDER BY id LIMIT $2', params);
    const nodes = rows.slice(0, limit).map(toCustomer);
    return { items: nodes.map((node) => ({ cursor: encodeCursor(node.id), node })), hasNextPage: rows.length > limit };
  }

  async listSuggestions(status: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<MatchSuggestionModel>> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after, SUGGESTION_CURSOR) ?? '0';
    const rows = await this.db.query('SELECT * FROM match_suggestions WHERE status = $1 AND id > $2::bigint ORDER BY id LIMIT $3', [
      status.toLowerCase(),
      afterId,
      limit + 1,
    ]);
    const nodes = rows.slice(0, limit).map(toSuggestion);
    return { items: nodes.map((node) => ({ cursor: encodeCursor(node.id), node })), hasNextPage: rows.length > limit };
  }

  // ---- writes ---------------------------------------------------------------------------

  /**
   * Runs `fn` once per idempotency key: a retry with the same input returns the stored result
   * and changes nothing; the same key with another input is a CONFLICT. The key row is written
   * in the same transaction as the change, so a failed change leaves no key behind.
   */
  async idempotent<T>(key: string, operation: string, input: unknown, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (!key || key.length > 200) throw badInput('idempotencyKey must be 1 to 200 characters', 'idempotencyKey');
    const hash = createHash('sha256').update(json({ operation, input })).digest('hex');
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query('INSERT INTO idempotency_keys (key, operation, request_hash) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key', [
        key,
        operation,
        hash,
      ]);
      if (inserted.length === 0) {
        const [row] = await tx.query<{ request_hash: string; result: T }>('SELECT request_hash, result FROM idempotency_keys WHERE key = $1', [key]);
        if (!row || row.request_hash !== hash) {
          throw codedError(ErrorCode.CONFLICT, 'This idempotencyKey was already used with a different operation or input', { field: 'idempotencyKey' });
        }
        return row.result;
      }
      const result = await fn(tx);
      await tx.query('UPDATE idempotency_keys SET result = $2::jsonb WHERE key = $1', [key, json(result)]);
      return result;
    });
  }

  /** Reads a stored result without running anything (backfill runs outside one transaction). */
  async storedResult<T>(key: string, operation: string, input: unknown): Promise<{ found: false } | { found: true; result: T }> {
    const hash = createHash('sha256').update(json({ operation, input })).digest('hex');
    const [row] = await this.db.query<{ request_hash: string; result: T }>('SELECT request_hash, result FROM idempotency_keys WHERE key = $1', [key]);
    if (!row) return { found: false };
    if (row.request_hash !== hash) throw codedError(ErrorCode.CONFLICT, 'This idempotencyKey was already used with a different operation or input', { field: 'idempotencyKey' });
    return { found: true, result: row.result };
  }

  async storeResult(key: string, operation: string, input: unknown, result: unknown): Promise<void> {
    const hash = createHash('sha256').update(json({ operation, input })).digest('hex');
    await this.db.query('INSERT INTO idempotency_keys (key, operation, request_hash, result) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (key) DO NOTHING', [
      key,
      operation,
      hash,
      json(result),
    ]);
  }

  async linkRecord(
    actor: string,
    input: { idempotencyKey: string; customerId: string; system: string; externalId: string; reason: string },
  ): Promise<LinkRecordResultModel> {
    const { idempotencyKey, ...args } = input;
    return this.idempotent(idempotencyKey, 'linkRecord', args, async (tx) => {
      const customer = await activeCustomer(tx, args.customerId, 'customerId');
      await requireRecord(tx, args.system, args.externalId);
      const [current] = await tx.query('SELECT customer_id FROM links WHERE system = $1 AND external_id = $2 FOR UPDATE', [args.system, args.externalId]);
      const previous = current ? String(current.customer_id) : null;
      if (previous === customer) throw badInput(`${args.system}:${args.externalId} is already linked to ${customer}`, 'customerId');
      const evidence = { reason: args.reason, previousCustomerId: previous };
      await tx.query(
        `INSERT INTO links (system, external_id, customer_id, rule, evidence, created_by) VALUES ($1, $2, $3, 'MANUAL', $4::jsonb, $5)
         ON CONFLICT (system, external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, rule = 'MANUAL', evidence = EXCLUDED.evidence,
           created_at = now(), created_by = EXCLUDED.created_by`,
        [args.system, args.externalId, customer, json(evidence), actor],
      );
      const auditId = await appendAudit(tx, {
        action: 'LINK',
        customerIds: previous ? [customer, previous] : [customer],
        actor,
        reason: args.reason,
        details: { system: args.system, externalId: args.externalId, rule: 'MANUAL', fromCustomerId: previous, toCustomerId: customer },
      });
      return { auditId, customerId: customer, previousCustomerId: previous };
    });
  }

  async unlinkRecord(actor: string, input: { idempotencyKey: string; system: string; externalId: string; reason: string }): Promise<UnlinkRecordResultModel> {
    const { idempotencyKey, ...args } = input;
    return this.idempotent(idempotencyKey, 'unlinkRecord', args, async (tx) => {
      const [link] = await tx.query('SELECT customer_id FROM links WHERE system = $1 AND external_id = $2 FOR UPDATE', [args.system, args.externalId]);
      if (!link) throw badInput(`${args.system}:${args.externalId} is not a linked record`, 'externalId');
      const previous = String(link.customer_id);
      const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM links WHERE customer_id = $1', [previous]);
      if ((count?.n ?? 0) <= 1) throw badInput(`${args.system}:${args.externalId} is the only record of ${previous}; there is nothing to split`, 'externalId');
      const fresh = randomCustomerId();
      await tx.query('INSERT INTO customers (id, created_by) VALUES ($1, $2)', [fresh, actor]);
      await tx.query(`UPDATE links SET customer_id = $3, rule = 'MANUAL', evidence = $4::jsonb, created_at = now(), created_by = $5 WHERE system = $1 AND external_id = $2`, [
        args.system,
        args.externalId,
        fresh,
        json({ reason: args.reason, previousCustomerId: previous }),
        actor,
      ]);
      const auditId = await appendAudit(tx, {
        action: 'UNLINK',
        customerIds: [previous, fresh],
        actor,
        reason: args.reason,
        details: { system: args.system, externalId: args.externalId, fromCustomerId: previous, toCustomerId: fresh },
      });
      return { auditId, customerId: fresh, previousCustomerId: previous };
    });
  }

  async mergeCustomers(actor: string, input: { idempotencyKey: string; survivorId: string; mergedId: string; reason: string }): Promise<MergeResultModel> {
    const { idempotencyKey, ...args } = input;
    return this.idempotent(idempotencyKey, 'mergeCustomers', args, (tx) => mergeIn(tx, actor, args.survivorId, args.mergedId, args.reason, {}));
  }

  async unmergeCustomer(actor: string, input: { idempotencyKey: string; mergeId: string; reason: string }): Promise<UnmergeResultModel> {
    const { idempotencyKey, ...args } = input;
    return this.idempotent(idempotencyKey, 'unmergeCustomer', args, async (tx) => {
      if (!/^\d{1,18}$/.test(args.mergeId)) throw badInput('mergeId is not a merge id', 'mergeId');
      const [merge] = await tx.query("SELECT * FROM audit_log WHERE id = $1::bigint AND action = 'MERGE'", [args.mergeId]);
      if (!merge) throw badInput(`no merge ${args.mergeId}`, 'mergeId');
      const details = merge.details as { survivorId: string; mergedId: string; movedLinks: { system: string; externalId: string }[] };
      const undone = await tx.query("SELECT 1 FROM audit_log WHERE action = 'UNMERGE' AND details->>'mergeId' = $1", [args.mergeId]);
      const [merged] = await tx.query('SELECT merged_into FROM customers WHERE id = $1 FOR UPDATE', [details.mergedId]);
      if (undone.length > 0 || !merged?.merged_into) throw badInput(`merge ${args.mergeId} was already undone`, 'mergeId');
      // The links may have travelled on with a later merge of the survivor: take them from wherever they are now.
      const currentSurvivor = await activeCustomer(tx, details.survivorId, 'mergeId');
      await tx.query('UPDATE customers SET merged_into = NULL WHERE id = $1', [details.mergedId]);
      const restored = await tx.query(
        `UPDATE links SET customer_id = $1
          WHERE customer_id = $2 AND (system, external_id) IN (SELECT * FROM unnest($3::text[], $4::text[]))
          RETURNING system, external_id`,
        [details.mergedId, currentSurvivor, details.movedLinks.map((l) => l.system), details.movedLinks.map((l) => l.externalId)],
      );
      const auditId = await appendAudit(tx, {
        action: 'UNMERGE',
        customerIds: [currentSurvivor, details.mergedId],
        actor,
        reason: args.reason,
        details: {
          mergeId: args.mergeId,
          survivorId: currentSurvivor,
          restoredId: details.mergedId,
          restoredLinks: restored.map((r) => ({ system: String(r.system), externalId: String(r.external_id) })),
        },
      });
      return { auditId, survivorId: currentSurvivor, restoredId: details.mergedId };
    });
  }

  async decideSuggestion(
    actor: string,
    input: { idempotencyKey: string; id: string; accept: boolean; reason: string | null },
  ): Promise<DecideSuggestionResultModel> {
    const { idempotencyKey, ...args } = input;
    return this.idempotent(idempotencyKey, 'decideSuggestion', args, async (tx) => {
      if (!/^\d{1,18}$/.test(args.id)) throw badInput(`no suggestion ${args.id}`, 'id');
      const [row] = await tx.query('SELECT * FROM match_suggestions WHERE id = $1::bigint FOR UPDATE', [args.id]);
      if (!row) throw badInput(`no suggestion ${args.id}`, 'id');
      if (row.status !== 'open') throw badInput(`suggestion ${args.id} was already ${String(row.status)}`, 'id');
      const s = toSuggestion(row);
      const owners = await tx.query(
        `SELECT system, external_id, customer_id FROM links WHERE (system, external_id) IN (($1, $2), ($3, $4))`,
        [s.a.system, s.a.externalId, s.b.system, s.b.externalId],
      );
      const ownerOf = (ref: { system: string; externalId: string }) =>
        owners.find((o) => o.system === ref.system && o.external_id === ref.externalId)?.customer_id as string | undefined;
      const [ca, cb] = [ownerOf(s.a), ownerOf(s.b)];
      await tx.query('UPDATE match_suggestions SET status = $2, decided_at = now(), decided_by = $3 WHERE id = $1::bigint', [
        args.id,
        args.accept ? 'accepted' : 'rejected',
        actor,
      ]);
      let customerId: string | null = null;
      let mergeId: string | null = null;
      if (args.accept) {
        if (!ca || !cb) throw badInput(`suggestion ${args.id} refers to a record that is not linked`, 'id');
        customerId = ca;
        if (ca !== cb) {
          // The older customer survives: its id is the one other systems are most likely to hold.
          const [older] = await tx.query('SELECT id FROM customers WHERE id = ANY($1::text[]) ORDER BY created_at, id LIMIT 1', [[ca, cb]]);
          const survivor = String(older!.id);
          const merge = await mergeIn(tx, actor, survivor, survivor === ca ? cb : ca, args.reason ?? `accepted suggestion ${args.id}`, { suggestionId: args.id });
          customerId = merge.survivorId;
          mergeId = merge.mergeId;
        }
      }
      const auditId = await appendAudit(tx, {
        action: args.accept ? 'SUGGESTION_ACCEPTED' : 'SUGGESTION_REJECTED',
        customerIds: [...new Set([ca, cb].filter((c): c is string => !!c))],
        actor,
        reason: args.reason,
        details: { suggestionId: args.id, a: s.a, b: s.b, rule: s.rule, mergeId },
      });
      return { auditId, suggestionId: args.id, customerId };
    });
  }
}

/** The active customer an id (possibly merged) resolves to, or CUSTOMER_NOT_FOUND. */
async function activeCustomer(tx: Queryable, id: string, field: string): Promise<string> {
  let current = id;
  for (let hop = 0; hop < 20; hop++) {
    const [row] = await tx.query('SELECT id, merged_into FROM customers WHERE id = $1 FOR UPDATE', [current]);
    if (!row) break;
    if (!row.merged_into) return String(row.id);
    current = String(row.merged_into);
  }
  throw codedError(ErrorCode.CUSTOMER_NOT_FOUND, `No customer ${id}`, { field });
}

async function requireRecord(tx: Queryable, system: string, externalId: string): Promise<void> {
  const rows = await tx.query('SELECT 1 FROM source_records WHERE system = $1 AND external_id = $2', [system, externalId]);
  if (rows.length === 0) throw badInput(`The hub has never seen record ${system}:${externalId}`, 'externalId');
}

async function mergeIn(
  tx: Queryable,
  actor: string,
  survivorIdIn: string,
  mergedIdIn: string,
  reason: string,
  extra: Record<string, unknown>,
): Promise<MergeResultModel> {
  const survivorId = await activeCustomer(tx, survivorIdIn, 'survivorId');
  const mergedId = await activeCustomer(tx, mergedIdIn, 'mergedId');
  if (survivorId === mergedId) throw badInput(`${survivorIdIn} and ${mergedIdIn} are the same customer`, 'mergedId');
  const moved = await tx.query('UPDATE links SET customer_id = $1 WHERE customer_id = $2 RETURNING system, external_id', [survivorId, mergedId]);
  await tx.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [survivorId, mergedId]);
  const movedLinks = moved
    .map((r) => ({ system: String(r.system), externalId: String(r.external_id) }))
    .sort((x, y) => `${x.system}:${x.externalId}`.localeCompare(`${y.system}:${y.externalId}`));
  const mergeId = await appendAudit(tx, {
    action: 'MERGE',
    customerIds: [survivorId, mergedId],
    actor,
    reason,
    details: { survivorId, mergedId, movedLinks, ...extra },
  });
  return { mergeId, survivorId, mergedId, movedLinks };
}
