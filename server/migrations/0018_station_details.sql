-- Stations the county manages itself (issue 11): an address and a phone for the public
-- list, and 停用. A deactivated station keeps its row (its intakes and devices refer to it);
-- its devices can no longer sync and it gets no new enrollment codes.
ALTER TABLE stations ADD COLUMN address text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE stations ADD COLUMN phone text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE stations ADD COLUMN deactivated_at timestamptz;
