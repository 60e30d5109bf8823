-- The streaming pipeline (backfill as a component-wise reconciliation, real-time sync).

-- An integer id per stored record: components are found over integers (a compact union-find),
-- never over `system:externalId` strings.
ALTER TABLE source_records ADD COLUMN rid bigserial;
CREATE UNIQUE INDEX source_records_rid ON source_records (rid);

-- The record's normalised matching input (matching/record.ts NormalizedRecord) as of its last
-- ingest: matching a component reads this instead of normalising raw records again. NULL on rows
-- stored before this migration; the next backfill fills it.
ALTER TABLE source_records ADD COLUMN norm jsonb;

-- Set (from record_changes) when real-time sync stored a new or changed record that still has to be
-- linked; cleared by the linker only if it still holds the value it read, so a change arriving
-- while its record is being linked is linked again. Survives a crash between storing and linking.
CREATE SEQUENCE record_changes;
ALTER TABLE source_records ADD COLUMN pending bigint;
CREATE INDEX source_records_pending ON source_records (pending) WHERE pending IS NOT NULL;

-- Every blocking key of every record (matching/blocking.ts): two records can only be linked or
-- suggested when they share one. `name` (the record's folded name) makes the data-set-wide key
-- statistics (distinct records, distinct names per key) one GROUP BY.
CREATE TABLE record_keys (
  key  text NOT NULL,
  rid  bigint NOT NULL,
  name text NOT NULL DEFAULT '',
  PRIMARY KEY (key, rid)
);
CREATE INDEX record_keys_rid ON record_keys (rid);

-- Real-time sync, one row per source: the feed's updated-at watermark, and a claim (lease) so that
-- among several hub processes on one database one reads a given source at a time.
CREATE TABLE sync_state (
  source        text PRIMARY KEY,
  -- Largest updatedAt read from the source so far; the next read asks for records updated since (minus an overlap).
  watermark     timestamptz,
  claimed_by    text,
  claimed_until timestamptz,
  last_synced_at timestamptz,
  last_error    text
);
