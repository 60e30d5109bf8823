import type { Queryable } from '../db/index.ts';

/**
 * Per-source sync state (sync_state): the updated-at watermark the next incremental read starts
 * from, and a lease so that one hub process at a time reads a given source.
 */

/**
 * After a complete read: the watermark becomes the earlier of when the read started (the hub's
 * clock) and the latest `updatedAt` read (the source's clock). A record written while the read was
 * under way has an updatedAt after both, whichever clock runs ahead, so the next read (which also
 * starts `overlap` earlier) sees it. Never moves backwards.
 */
export async function advanceWatermark(db: Queryable, source: string, readStarted: Date, maxUpdatedAt: string | null, owner?: string): Promise<void> {
  const seen = maxUpdatedAt ? new Date(maxUpdatedAt) : null;
  const mark = seen && !Number.isNaN(seen.getTime()) ? new Date(Math.min(seen.getTime(), readStarted.getTime())) : null;
  await db.query(
    `INSERT INTO sync_state (source, watermark, last_synced_at) VALUES ($1, $2::timestamptz, now())
     ON CONFLICT (source) DO UPDATE SET watermark = GREATEST(sync_state.watermark, EXCLUDED.watermark), last_synced_at = now(), last_error = NULL,
       claimed_by = CASE WHEN sync_state.claimed_by = $3 THEN NULL ELSE sync_state.claimed_by END,
       claimed_until = CASE WHEN sync_state.claimed_by = $3 THEN NULL ELSE sync_state.claimed_until END`,
    [source, mark?.toISOString() ?? null, owner ?? null],
  );
}

/**
 * Claims a source for `leaseMs` unless another process holds a live claim. Returns the
 * watermark to read from (null: never read completely), or `undefined` when someone else has it.
 */
export async function claimSource(db: Queryable, source: string, owner: string, leaseMs: number): Promise<{ watermark: Date | null } | undefined> {
  await db.query('INSERT INTO sync_state (source) VALUES ($1) ON CONFLICT (source) DO NOTHING', [source]);
  const [row] = await db.query<{ watermark: Date | string | null }>(
    `UPDATE sync_state SET claimed_by = $2, claimed_until = now() + $3::int * interval '1 millisecond'
      WHERE source = $1 AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until < now())
      RETURNING watermark`,
    [source, owner, leaseMs],
  );
  if (!row) return undefined;
  return { watermark: row.watermark === null ? null : new Date(row.watermark) };
}

/** Gives a claim back after a failed read, keeping the watermark and recording why. */
export async function releaseSource(db: Queryable, source: string, owner: string, error: string): Promise<void> {
  await db.query(
    `UPDATE sync_state SET claimed_by = NULL, claimed_until = NULL, last_error = $3, last_synced_at = now() WHERE source = $1 AND claimed_by = $2`,
    [source, owner, error.slice(0, 500)],
  );
}
