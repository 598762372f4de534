-- Each device gets a number within its station at enrollment. The station puts it in
-- its intake numbers, so two devices of one station numbering offline never collide.
-- Numbers are never reused: a revoked device keeps its number.
ALTER TABLE devices ADD COLUMN device_number integer;
--> statement-breakpoint
UPDATE devices SET device_number = numbered.n
FROM (SELECT id, row_number() OVER (PARTITION BY station_code ORDER BY created_at, id) AS n FROM devices) AS numbered
WHERE devices.id = numbered.id;
--> statement-breakpoint
ALTER TABLE devices ALTER COLUMN device_number SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX devices_station_number_key ON devices (station_code, device_number);
