-- Replay protection keyed on what the vendor signs (lib/webhooks.ts replayKey: topic, resource
-- version and the raw body's hash), not on the event id header: Shopify's X-Shopify-Webhook-Id
-- is outside the HMAC, so the same signed body under a new id was stored as a new event, and a
-- forged id could have shadowed a real event's. Rows from before keep their old identity.
ALTER TABLE webhook_events ADD COLUMN replay_key text;
UPDATE webhook_events SET replay_key = 'legacy:' || vendor || ':' || event_id WHERE replay_key IS NULL;
ALTER TABLE webhook_events ALTER COLUMN replay_key SET NOT NULL;
ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_pkey;
ALTER TABLE webhook_events ADD PRIMARY KEY (replay_key);
CREATE INDEX webhook_events_event_id ON webhook_events (vendor, event_id);
-- How many times the same signed bytes came again (vendor redeliveries and replays), and when last.
ALTER TABLE webhook_events ADD COLUMN replays int NOT NULL DEFAULT 0;
ALTER TABLE webhook_events ADD COLUMN last_replay_at timestamptz;
