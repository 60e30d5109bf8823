-- Flows: durable state of cross-system processes. A step is due when next_attempt_at <= now()
-- and it is PENDING or WAITING_RETRY (or RUNNING with an expired lease: a crashed worker).
CREATE TABLE flows (
  id text PRIMARY KEY,
  kind text NOT NULL,
  state text NOT NULL,
  subject_system text NOT NULL,
  subject_id text NOT NULL,
  store_id text,
  pos_order_id text,
  data jsonb NOT NULL DEFAULT '{}',
  notification jsonb,
  last_error text,
  idempotency_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_system, subject_id)
);
CREATE INDEX flows_pos_order ON flows (pos_order_id);
CREATE INDEX flows_state ON flows (state, created_at);

CREATE TABLE flow_steps (
  flow_id text NOT NULL REFERENCES flows (id),
  seq int NOT NULL,
  name text NOT NULL,
  state text NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz,
  result jsonb,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_id, seq)
);
CREATE INDEX flow_steps_due ON flow_steps (next_attempt_at) WHERE state IN ('PENDING', 'WAITING_RETRY', 'RUNNING');

-- Webhooks as received (verified), before anything acts on them. (vendor, event_id) unique:
-- a redelivery is acknowledged and not stored or run again.
CREATE TABLE webhook_events (
  vendor text NOT NULL,
  event_id text NOT NULL,
  topic text NOT NULL,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  outcome text,
  PRIMARY KEY (vendor, event_id)
);
CREATE INDEX webhook_events_pending ON webhook_events (received_at) WHERE processed_at IS NULL;

-- Webhook subscriptions this service made with the vendors (Square's signature key is per subscription).
CREATE TABLE webhook_subscriptions (
  vendor text PRIMARY KEY,
  subscription_id text NOT NULL,
  notification_url text NOT NULL,
  signature_key text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
