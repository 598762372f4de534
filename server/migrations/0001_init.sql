-- Initial schema of the county server. Statements are separated by a
-- statement-breakpoint marker line because the extended query protocol
-- (PGlite, node-postgres) runs one statement per call; see server/db/migrate.ts.

CREATE TABLE counties (
  code text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE stations (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  township text NOT NULL,
  county_code text NOT NULL REFERENCES counties (code),
  item_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE devices (
  id uuid PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz
);
--> statement-breakpoint
-- Codes are kept in plain text: they are short-lived, single-use, bound to one
-- station, and the start output must list each station's unused code again.
CREATE TABLE enrollment_codes (
  code text PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device uuid REFERENCES devices (id)
);
--> statement-breakpoint
CREATE INDEX enrollment_codes_station_idx ON enrollment_codes (station_code);
--> statement-breakpoint
CREATE TABLE catalog_items (
  id text PRIMARY KEY,
  version integer NOT NULL,
  status text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  station_code text REFERENCES stations (code),
  entity text NOT NULL,
  entity_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('put', 'delete')),
  data jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX changes_station_seq_idx ON changes (station_code, seq);
--> statement-breakpoint
CREATE TABLE mutations (
  station_code text NOT NULL REFERENCES stations (code),
  id uuid NOT NULL,
  device_id uuid NOT NULL REFERENCES devices (id),
  type text NOT NULL,
  entity_id uuid NOT NULL,
  payload_hash text NOT NULL,
  payload jsonb NOT NULL,
  created_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mutations_station_id_key UNIQUE (station_code, id)
);
--> statement-breakpoint
CREATE TABLE intakes (
  id uuid PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  intake_no text NOT NULL,
  mutation_id uuid NOT NULL,
  item_id text NOT NULL,
  item_version bigint NOT NULL,
  promised_limit_days integer NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL,
  received_at timestamptz NOT NULL,
  accepted_at timestamptz,
  due_date date,
  correction jsonb,
  refusal_reason text,
  result text,
  result_note text,
  delivery_method text,
  history jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT intakes_station_intake_no_key UNIQUE (station_code, intake_no)
);
--> statement-breakpoint
CREATE INDEX intakes_status_idx ON intakes (status, received_at);
--> statement-breakpoint
CREATE TABLE operators (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
--> statement-breakpoint
CREATE TABLE operator_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES operators (username),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
