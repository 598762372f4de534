-- Issue 9: the lifecycle a case must be able to finish.
-- station_received_at: the station's receipt on the county's clock (corrected, clamped), the
--   acceptance time of 收件即受理 and 即办件; termination_reason: 终止办理 of an overdue 容缺;
-- hand_over: the station's 送达回证 record (intake.handOver) and delivered_at, when it became 已送达;
-- lookup_key_hash: SHA-256 of the intake's 进度查询码, the only form the county keeps of the key.
ALTER TABLE intakes ADD COLUMN station_received_at timestamptz;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN termination_reason text;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN hand_over jsonb;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN delivered_at timestamptz;
--> statement-breakpoint
ALTER TABLE intakes ADD COLUMN lookup_key_hash text;
--> statement-breakpoint
CREATE UNIQUE INDEX intakes_lookup_key_hash_key ON intakes (lookup_key_hash) WHERE lookup_key_hash IS NOT NULL;
