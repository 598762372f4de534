-- Station staff accounts (代办员, 综合窗口, 站点负责人), kept by the county administrator per
-- station. Each write also appends a `staff` change for that station only, so its devices
-- hold the accounts (with the PBKDF2 hash, never the password) and sign in offline.
CREATE TABLE station_staff (
  id uuid PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'clerk', 'lead')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE UNIQUE INDEX station_staff_station_username_key ON station_staff (station_code, username);
