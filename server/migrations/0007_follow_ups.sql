-- The county's follow-up of 差评 and 办不成事 reports. Each step an operator takes is
-- appended to a history kept on the row (who, when, note, call-back or reply), the
-- way intakes keep their decisions; the row's status is the latest step's result.
ALTER TABLE evaluations ADD COLUMN follow_up_history jsonb NOT NULL DEFAULT '[]';
--> statement-breakpoint
ALTER TABLE reports ADD COLUMN reply text;
--> statement-breakpoint
ALTER TABLE reports ADD COLUMN history jsonb NOT NULL DEFAULT '[]';
--> statement-breakpoint
-- The dashboard counts intakes per day of receipt and those past their due date.
CREATE INDEX intakes_received_at_idx ON intakes (received_at);
--> statement-breakpoint
CREATE INDEX intakes_due_date_idx ON intakes (due_date) WHERE due_date IS NOT NULL;
