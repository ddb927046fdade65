-- Every dataset's rows, typed as the data contract says (ingest.pg_schema.dataset_tables).
CREATE TABLE ds_branches (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "branch_id" text,
  "name" text,
  "org_type" text,
  "sector" text,
  "parent_id" text,
  "parent_name" text,
  "community" text,
  "founded_on" date,
  "dissolved_on" date,
  "term_ends_on" date,
  "service_center" boolean,
  "instructor" text,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_members (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "member_id" text,
  "branch_id" text,
  "branch_name" text,
  "name" text,
  "gender" text,
  "birth_date" date,
  "ethnicity" text,
  "education" text,
  "occupation" text,
  "joined_on" date,
  "full_on" date,
  "member_type" text,
  "registered_on" date,
  "left_on" date,
  "left_reason" text,
  "joined_by" text,
  "id_hash" text,
  "party_status" text,
  "lost_contact" boolean,
  "lost_on" date,
  "floating" boolean,
  "floating_to" text,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_patents (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "patent_id" text,
  "branch_id" text,
  "branch_name" text,
  "kind" text,
  "filed_on" date,
  "granted_on" date,
  "title" text,
  "inventors" bigint,
  "member_inventors" bigint,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_participation (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "activity_id" text,
  "branch_id" text,
  "branch_name" text,
  "date" date,
  "kind" text,
  "attendees" bigint,
  "expected" bigint,
  "hours" double precision,
  "non_member_attendees" bigint,
  "title" text,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_development (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "person_id" text,
  "branch_id" text,
  "branch_name" text,
  "name" text,
  "gender" text,
  "birth_date" date,
  "ethnicity" text,
  "education" text,
  "occupation" text,
  "applied_on" date,
  "talked_on" date,
  "activist_on" date,
  "candidate_on" date,
  "training_days" double precision,
  "training_hours" double precision,
  "admitted_on" date,
  "approved_on" date,
  "withdrawn_on" date,
  "withdrawn_reason" text,
  "member_id" text,
  "id_hash" text,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_plans (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "year" bigint,
  "branch_id" text,
  "branch_name" text,
  "planned" bigint,
  PRIMARY KEY (version_id, row_no)
);

CREATE TABLE ds_units (
  version_id text NOT NULL REFERENCES store_versions (id),
  row_no bigint NOT NULL,
  "unit_id" text,
  "name" text,
  "kind" text,
  "community" text,
  "building" text,
  "staff" bigint,
  "full_members" bigint,
  "probationary_members" bigint,
  "coverage" text,
  "branch_id" text,
  "branch_name" text,
  "instructor" text,
  "union" boolean,
  "youth_league" boolean,
  "women_federation" boolean,
  "registered_on" date,
  "closed_on" date,
  "covered_on" date,
  PRIMARY KEY (version_id, row_no)
);
