-- What access keeps, shared by every host (access.pg_ledger): the accounts made in the
-- app, failed and ended sign-ins, the server's signing secret, and the audit trail,
-- which nothing may change or delete.
CREATE TABLE access_settings (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE access_accounts (
  name text PRIMARY KEY,
  display text NOT NULL,
  role text NOT NULL,
  scope text NOT NULL,
  password_hash text NOT NULL,
  enabled boolean NOT NULL,
  must_change boolean NOT NULL,
  changed_at text NOT NULL,
  changed_by text NOT NULL
);

CREATE TABLE access_failures (key text NOT NULL, at double precision NOT NULL);

CREATE INDEX access_failures_key ON access_failures (key, at);

CREATE TABLE access_ended (token text PRIMARY KEY, at double precision NOT NULL);

CREATE TABLE access_ended_all (name text PRIMARY KEY, at double precision NOT NULL);

CREATE TABLE access_handed (token text PRIMARY KEY, at double precision NOT NULL);

CREATE TABLE access_audit (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  who text NOT NULL,
  scope text NOT NULL,
  address text NOT NULL,
  action text NOT NULL,
  page text NOT NULL,
  organisation text NOT NULL,
  detail text NOT NULL
);

CREATE FUNCTION access_audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$ LANGUAGE plpgsql;

CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
  FOR EACH ROW EXECUTE FUNCTION access_audit_append_only();
