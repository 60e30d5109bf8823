import type { Db, Queryable } from '../db/index.ts';

/**
 * Connected components of stored records over their blocking keys (matching/blocking.ts): two
 * records are in one component when a chain of shared keys joins them. Matching gives the same
 * answer on a component as on the whole data set, so the pipeline matches one batch of whole
 * components at a time.
 *
 * A key carried by more than `maxKeyRecords` records (a store's own phone typed for every walk-in,
 * a shared inbox) does not join components: otherwise a handful of such values would chain much
 * of the data set into one giant component. Those keys are over-shared for matching too, and the
 * linker strips them from its input (link.ts), so the answer still does not depend on how the data
 * was cut. The cap must therefore be at least the largest count matching would accept as evidence.
 */

/** Union-find over dense integer indices, with path halving and union by size. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

const FETCH = 20_000;

/** Reads a query through a server-side cursor, FETCH rows at a time, inside `tx`. */
async function* cursorRows<R extends Record<string, unknown>>(tx: Queryable, name: string, sql: string): AsyncGenerator<R[]> {
  await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const rows = await tx.query<R>(`FETCH ${FETCH} FROM ${name}`);
    if (rows.length === 0) break;
    yield rows;
  }
  await tx.query(`CLOSE ${name}`);
}

/** Binary search in a sorted Float64Array of rids. */
function indexOf(sorted: Float64Array, length: number, rid: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === rid) return mid;
    if (v < rid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface ComponentStats {
  records: number;
  components: number;
  largest: number;
}

/**
 * Every stored record, grouped into whole components, yielded in batches of about `batchSize`
 * records (a component is never split; one larger than the batch is a batch of its own).
 * Memory is a few typed arrays of one number per record: rids, parents, the grouping order.
 * Reads run in one read-only transaction with server-side cursors, before anything is yielded,
 * so on the embedded database (one connection) the linker's writes come after it.
 */
export async function computeComponents(db: Db, maxKeyRecords: number, batchSize: number): Promise<{ batches: () => Generator<number[]>; stats: ComponentStats }> {
  const cap = Math.floor(maxKeyRecords);
  if (!Number.isSafeInteger(cap) || cap < 2) throw new Error(`maxKeyRecords must be an integer of at least 2, got ${maxKeyRecords}`);
  let rids = new Float64Array(1 << 16);
  let n = 0;
  let uf: UnionFind | undefined;
  await db.transaction(async (tx) => {
    // A sort per GROUP BY over millions of keys: give it room (this transaction only).
    await tx.query("SET LOCAL work_mem = '64MB'");
    for await (const rows of cursorRows<{ rid: string }>(tx, 'pipeline_rids', 'SELECT rid FROM source_records ORDER BY rid')) {
      if (n + rows.length > rids.length) {
        const grown = new Float64Array(Math.max(rids.length * 2, n + rows.length));
        grown.set(rids.subarray(0, n));
        rids = grown;
      }
      for (const row of rows) rids[n++] = Number(row.rid);
    }
    uf = new UnionFind(n);
    const shared = `SELECT array_agg(rid) AS rids FROM record_keys GROUP BY key HAVING count(*) BETWEEN 2 AND ${cap}`;
    for await (const rows of cursorRows<{ rids: (string | number)[] }>(tx, 'pipeline_shared', shared)) {
      for (const row of rows) {
        const first = indexOf(rids, n, Number(row.rids[0]));
        for (let i = 1; i < row.rids.length; i++) {
          const other = indexOf(rids, n, Number(row.rids[i]));
          if (first >= 0 && other >= 0) uf.union(first, other);
        }
      }
    }
  });
  const union = uf ?? new UnionFind(0);

  // Counting sort of record indices by root: members of a component end up next to each other.
  const root = new Int32Array(n);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    root[i] = union.find(i);
    count[root[i]!]!++;
  }
  const start = new Int32Array(n + 1);
  let components = 0;
  let largest = 0;
  for (let r = 0; r < n; r++) {
    start[r + 1] = start[r]! + count[r]!;
    if (count[r]! > 0) {
      components++;
      if (count[r]! > largest) largest = count[r]!;
    }
  }
  const order = new Int32Array(n);
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) order[fill[root[i]!]!++] = i;

  function* batches(): Generator<number[]> {
    let batch: number[] = [];
    for (let r = 0; r < n; r++) {
      const size = count[r]!;
      if (size === 0) continue;
      if (batch.length > 0 && batch.length + size > batchSize) {
        yield batch;
        batch = [];
      }
      for (let j = start[r]!; j < start[r]! + size; j++) batch.push(rids[order[j]!]!);
    }
    if (batch.length > 0) yield batch;
  }
  return { batches, stats: { records: n, components, largest } };
}

/**
 * The whole components of the given records (the real-time linker's changed records): follows
 * shared keys from them, one round trip per hop, until nothing new is reached. Stops growing past
 * `maxRecords` (a safety bound; the over-shared cap keeps real components far smaller).
 */
export async function componentsOf(db: Queryable, start: readonly number[], maxKeyRecords: number, maxRecords = 50_000): Promise<number[]> {
  const cap = Math.floor(maxKeyRecords);
  const seen = new Set<number>(start);
  let frontier = [...seen];
  while (frontier.length > 0 && seen.size < maxRecords) {
    const rows = await db.query<{ rid: string }>(
      `WITH k AS (SELECT DISTINCT key FROM record_keys WHERE rid = ANY($1::bigint[])),
            b AS (SELECT r.key FROM record_keys r JOIN k ON k.key = r.key GROUP BY r.key HAVING count(*) BETWEEN 2 AND $2::int)
       SELECT DISTINCT r.rid FROM record_keys r JOIN b ON b.key = r.key`,
      [frontier, cap],
    );
    frontier = [];
    for (const row of rows) {
      const rid = Number(row.rid);
      if (!seen.has(rid)) {
        seen.add(rid);
        frontier.push(rid);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}
