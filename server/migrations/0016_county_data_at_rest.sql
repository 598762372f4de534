-- County data at rest (server/at-rest/): residents' ID numbers and phones are sealed inside
-- the JSON columns by the repositories, and found through keyed hashes (HMAC-SHA256 under a
-- subkey of COUNTY_DATA_KEY). SQL cannot hold the key, so rows written before this migration
-- are sealed by the server's start (sealLegacyRows), which then sets rows_sealed_at.
ALTER TABLE intakes ADD COLUMN applicant_id_hash text;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN applicant_phone_hash text;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN agent_id_hash text;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN agent_phone_hash text;
--> statement-breakpoint
CREATE INDEX intakes_applicant_id_hash_idx ON intakes (applicant_id_hash) WHERE applicant_id_hash IS NOT NULL;
--> statement-breakpoint
CREATE INDEX intakes_applicant_phone_hash_idx ON intakes (applicant_phone_hash) WHERE applicant_phone_hash IS NOT NULL;
--> statement-breakpoint
CREATE INDEX intakes_agent_id_hash_idx ON intakes (agent_id_hash) WHERE agent_id_hash IS NOT NULL;
--> statement-breakpoint
CREATE INDEX intakes_agent_phone_hash_idx ON intakes (agent_phone_hash) WHERE agent_phone_hash IS NOT NULL;
--> statement-breakpoint
-- One row: what tells a wrong key at start (an HMAC of a fixed text, never the key) and
-- whether the start's sealing passes over older rows and files are done.
CREATE TABLE county_data_key (
  id smallint PRIMARY KEY CHECK (id = 1),
  key_check text NOT NULL,
  rows_sealed_at timestamptz,
  files_sealed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
