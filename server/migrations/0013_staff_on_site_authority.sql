-- 首席事务代表: the county authorises named station staff to complete 即办件 at the window.
-- Existing accounts start without it; an administrator grants it in 站点人员.
ALTER TABLE station_staff ADD COLUMN on_site_authority boolean NOT NULL DEFAULT false;
