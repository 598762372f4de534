-- Department reviewers (部门审核人员) see and decide only the intakes of items their
-- department implements; an administrator has no department.
ALTER TABLE operators ADD COLUMN department text;
--> statement-breakpoint
CREATE INDEX operator_sessions_username_idx ON operator_sessions (username);
--> statement-breakpoint
-- Fixed-window request counters (429 with Retry-After). They live here, not in process
-- memory, so several server instances on one database count together. A bucket names
-- what is counted: `device:<id>`, `login-ip:<address>`, `login-user:<username>`.
CREATE TABLE rate_limit_windows (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
--> statement-breakpoint
CREATE INDEX rate_limit_windows_start_idx ON rate_limit_windows (window_start);
