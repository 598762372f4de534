-- Working-day calendar versions (issue 11 §7). `working_day_calendars` stays the year as the
-- stations hold it (the current version); every published version is also kept in
-- `working_day_calendar_versions`, so a replaced year stays readable; an administrator's
-- unpublished edit lives in `working_day_calendar_drafts` until it is published.
ALTER TABLE working_day_calendars ADD COLUMN version integer NOT NULL DEFAULT 1;
--> statement-breakpoint
-- The named local holidays ([{name, dates}]); their dates are also in `holidays`.
ALTER TABLE working_day_calendars ADD COLUMN local_holidays jsonb NOT NULL DEFAULT '[]'::jsonb;
--> statement-breakpoint
CREATE TABLE working_day_calendar_versions (
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version integer NOT NULL CHECK (version >= 1),
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  local_holidays jsonb NOT NULL DEFAULT '[]'::jsonb,
  provisional boolean NOT NULL DEFAULT false,
  -- The operator who published it; NULL for a year loaded from the resource files.
  published_by text,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, version)
);
--> statement-breakpoint
-- The years published before versions existed become their version 1.
INSERT INTO working_day_calendar_versions (year, version, holidays, workdays, provisional, published_at)
SELECT year, 1, holidays, workdays, provisional, updated_at FROM working_day_calendars;
--> statement-breakpoint
-- At most one draft per year. `holidays` here are the statutory ones only; the local ones are
-- kept apart by name until publishing merges them.
CREATE TABLE working_day_calendar_drafts (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  base_version integer,
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  local_holidays jsonb NOT NULL DEFAULT '[]'::jsonb,
  provisional boolean NOT NULL DEFAULT false,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
