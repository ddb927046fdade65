-- The store's own tables: every version's manifest, the version shown, the log of
-- imports and rollbacks (ingest.pg_store).
CREATE TABLE store_versions (
  id text PRIMARY KEY,
  manifest json NOT NULL  -- json, not jsonb: its keys keep their order
);

CREATE TABLE store_current (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version_id text NOT NULL REFERENCES store_versions (id)
);

CREATE TABLE store_log (
  seq bigserial PRIMARY KEY,
  event json NOT NULL
);
