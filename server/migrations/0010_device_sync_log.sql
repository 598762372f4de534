-- One row per successful device request that matters to an operator (pull, push, finished upload,
-- reconcile): when, what kind, its status code and a small summary of counts. Written on
-- a best-effort basis (a failed write never fails the request) and kept to the newest
-- rows per device by the writer, so the table stays bounded.
CREATE TABLE device_sync_log (
  id bigserial PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (id),
  station_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pull', 'push', 'upload', 'reconcile')),
  status_code integer NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX device_sync_log_device_idx ON device_sync_log (device_id, id);
