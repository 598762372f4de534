-- Attachments (PROTOCOL.md principle 5): uploaded with tus, content-addressed by SHA-256.
-- The bytes live on disk (config filesDir); these tables say who uploaded what and where an
-- upload stands. A file belongs to the station whose device uploaded it: the county "holds"
-- a file for a station, and an intake misses the attachments its station has not uploaded yet.

-- One tus upload. Its offset is the authority for resuming (the partial file on disk may hold
-- stray bytes past it after a crash; they are cut off before the next append).
CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  device_id uuid NOT NULL REFERENCES devices (id),
  sha256 text NOT NULL,
  upload_length bigint NOT NULL CHECK (upload_length > 0),
  upload_offset bigint NOT NULL DEFAULT 0 CHECK (upload_offset >= 0 AND upload_offset <= upload_length),
  intake_id uuid NOT NULL,
  material_id text NOT NULL,
  filename text NOT NULL,
  mime text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
--> statement-breakpoint
CREATE INDEX uploads_station_idx ON uploads (station_code, created_at);
--> statement-breakpoint
-- A file the county holds for a station, verified against its SHA-256. The intake and
-- material are those of the first upload; the same file may serve several records.
CREATE TABLE blobs (
  station_code text NOT NULL REFERENCES stations (code),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  filename text NOT NULL,
  mime text NOT NULL,
  intake_id uuid NOT NULL,
  material_id text NOT NULL,
  device_id uuid NOT NULL REFERENCES devices (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_code, sha256)
);
--> statement-breakpoint
CREATE INDEX blobs_sha256_idx ON blobs (sha256);
