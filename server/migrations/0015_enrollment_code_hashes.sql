-- Enrollment codes are kept as the SHA-256 of the normalised code, like device tokens and
-- operator sessions: a leaked database or backup no longer holds a code that enrolls a device.
-- The codes are random (31^8), so an unsalted hash is enough. Existing codes are hashed in
-- place; they keep working, but no screen can show them again (only the issue answer does).
ALTER TABLE enrollment_codes RENAME COLUMN code TO code_hash;
--> statement-breakpoint
UPDATE enrollment_codes SET code_hash = encode(sha256(convert_to(code_hash, 'UTF8')), 'hex');
