-- A limit keeps the unit its law uses (工作日 or 自然日). The intake keeps the unit with its
-- limit, as it keeps the limit, so a later catalog change never moves a due date. Intakes
-- made before this were all counted in working days.
ALTER TABLE intakes ADD COLUMN limit_unit text NOT NULL DEFAULT 'workingDays' CHECK (limit_unit IN ('workingDays', 'calendarDays'));
--> statement-breakpoint
-- 部门联系电话: the county fills these in; nothing is invented. An empty or absent entry means
-- the station and its documents say 请咨询窗口.
CREATE TABLE department_contacts (
  department text PRIMARY KEY,
  phone text NOT NULL,
  updated_by text NOT NULL REFERENCES operators (username),
  updated_at timestamptz NOT NULL DEFAULT now()
);
