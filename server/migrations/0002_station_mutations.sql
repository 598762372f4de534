-- What stations record after an intake is submitted (PROTOCOL.md mutations
-- intake.supplement, intake.completeOnSite, evaluation.record, report.record,
-- audit.append). Device clocks are kept as text, as data only; the county's own
-- times are timestamptz. Every row names the mutation that brought it.

ALTER TABLE intakes ADD COLUMN completed_at timestamptz;
--> statement-breakpoint
-- History, never rewritten: one row per supplement the station sent.
CREATE TABLE intake_supplements (
  id bigserial PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intakes (id),
  station_code text NOT NULL REFERENCES stations (code),
  mutation_id uuid NOT NULL,
  materials jsonb NOT NULL,
  note text,
  staff_name text NOT NULL,
  status_before text NOT NULL,
  status_after text NOT NULL,
  created_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT intake_supplements_station_mutation_key UNIQUE (station_code, mutation_id)
);
--> statement-breakpoint
CREATE INDEX intake_supplements_intake_idx ON intake_supplements (intake_id, id);
--> statement-breakpoint
-- 一次一评: the unique intake_id is what turns a second rating into a conflict.
CREATE TABLE evaluations (
  id uuid PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intakes (id),
  station_code text NOT NULL REFERENCES stations (code),
  mutation_id uuid NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text,
  source text NOT NULL,
  entered_by text,
  created_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  follow_up_status text,
  follow_up_due date,
  CONSTRAINT evaluations_intake_key UNIQUE (intake_id)
);
--> statement-breakpoint
CREATE INDEX evaluations_follow_up_idx ON evaluations (follow_up_status, follow_up_due);
--> statement-breakpoint
CREATE TABLE reports (
  id uuid PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  mutation_id uuid NOT NULL,
  resident_name text NOT NULL,
  resident_phone text NOT NULL,
  item_id text,
  description text NOT NULL,
  staff_name text NOT NULL,
  status text NOT NULL,
  created_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX reports_status_idx ON reports (status, received_at);
--> statement-breakpoint
-- A batch id and a line's position in it identify the line, so a batch re-sent
-- under another mutation id cannot store its lines twice.
CREATE TABLE audit_entries (
  id bigserial PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  device_id uuid NOT NULL REFERENCES devices (id),
  batch_id uuid NOT NULL,
  position integer NOT NULL,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity_id text,
  detail text,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_entries_batch_position_key UNIQUE (station_code, batch_id, position)
);
