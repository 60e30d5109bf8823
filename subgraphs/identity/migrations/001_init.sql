-- The identity hub's store. Links are generic (system, external_id) -> customer, so a new
-- system needs rows here, never a new table or column.

CREATE TABLE customers (
  id          text PRIMARY KEY,
  -- Set when this customer was merged into another: the id keeps resolving to the survivor.
  merged_into text REFERENCES customers(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);

-- Every customer-like record read from a channel subgraph's identity feed, normalised for matching.
CREATE TABLE source_records (
  system        text NOT NULL,
  external_id   text NOT NULL,
  kind          text NOT NULL,
  emails        text[] NOT NULL DEFAULT '{}',
  phones        text[] NOT NULL DEFAULT '{}',
  given_folded  text,
  family_folded text,
  name_folded   text NOT NULL DEFAULT '',
  record        jsonb NOT NULL,
  updated_at    timestamptz NOT NULL,
  fetched_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (system, external_id)
);
CREATE INDEX source_records_emails ON source_records USING gin (emails);
CREATE INDEX source_records_phones ON source_records USING gin (phones);

CREATE TABLE links (
  system      text NOT NULL,
  external_id text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id),
  rule        text NOT NULL,
  evidence    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  PRIMARY KEY (system, external_id)
);
CREATE INDEX links_customer ON links (customer_id);

CREATE TABLE match_suggestions (
  id            bigserial PRIMARY KEY,
  -- The pair is stored ordered (a < b) so the same pair is suggested once, and a rejection sticks.
  system_a      text NOT NULL,
  external_id_a text NOT NULL,
  system_b      text NOT NULL,
  external_id_b text NOT NULL,
  rule          text NOT NULL,
  evidence      jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  decided_by    text,
  UNIQUE (system_a, external_id_a, system_b, external_id_b)
);
CREATE INDEX match_suggestions_status ON match_suggestions (status, id);

-- Append-only: nothing updates or deletes rows here.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  action       text NOT NULL,
  customer_ids text[] NOT NULL,
  actor        text NOT NULL,
  reason       text,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_customers ON audit_log USING gin (customer_ids);

CREATE TABLE idempotency_keys (
  key          text PRIMARY KEY,
  operation    text NOT NULL,
  request_hash text NOT NULL,
  result       jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
