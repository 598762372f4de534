-- Reference data the county publishes to its stations through pull (PROTOCOL.md):
-- the working-day calendar per year, the 一件事一次办 bundles, and which items each
-- station takes in (进驻事项). Every publication of these also appends a change, so
-- stations receive them in the one change sequence.

-- One row per year, as the State Council's holiday notice gives it; weekends are
-- implied, so only the exceptions are stored.
CREATE TABLE working_day_calendars (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  -- Derived before the notice was out: the operator must check it.
  provisional boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
-- The bundle as published (lifeEventSchema); its item ids are checked by the service.
CREATE TABLE life_events (
  id text PRIMARY KEY,
  name text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
-- 进驻事项: one row per item a station takes in. stations.item_ids mirrors this list
-- for the station record the protocol has published since version 1.
CREATE TABLE station_items (
  station_code text NOT NULL REFERENCES stations (code),
  item_id text NOT NULL REFERENCES catalog_items (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_code, item_id)
);
--> statement-breakpoint
CREATE INDEX station_items_item_idx ON station_items (item_id);
