-- The retailer's own records (stores, the shop itself: `retailer: true` in the normalised record)
-- are read on every linking batch for their contact values; a partial index keeps that small.
CREATE INDEX IF NOT EXISTS source_records_retailer ON source_records (rid) WHERE (norm->>'retailer') = 'true';
