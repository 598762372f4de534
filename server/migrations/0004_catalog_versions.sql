-- Catalog versions published from the county console, and the drafts an import
-- leaves until an operator publishes them. Drafts live in the database (not in a
-- server's memory) so any instance can publish what another one imported.

CREATE TABLE catalog_versions (
  version integer PRIMARY KEY,
  published_by text NOT NULL REFERENCES operators (username),
  published_at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  added integer NOT NULL,
  changed integer NOT NULL,
  suspended integer NOT NULL,
  withdrawn integer NOT NULL,
  unchanged integer NOT NULL,
  not_in_file integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE catalog_drafts (
  id uuid PRIMARY KEY,
  created_by text NOT NULL REFERENCES operators (username),
  created_at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  -- The published catalog version the import was compared with.
  base_version integer NOT NULL,
  items jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX catalog_drafts_created_idx ON catalog_drafts (created_at);
