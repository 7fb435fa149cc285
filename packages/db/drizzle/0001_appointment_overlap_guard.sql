-- No double booking, enforced by the database itself (SQLite has no exclusion constraints).
-- A live booking occupies [start_at, blocked_until); two live bookings of one business may not overlap.
-- The booking verb already checks inside a BEGIN IMMEDIATE transaction; these triggers are the backstop
-- for any writer that forgets.
CREATE TRIGGER `appointments_no_overlap_insert`
BEFORE INSERT ON `appointments`
WHEN NEW.`status` = 'booked' AND EXISTS (
  SELECT 1 FROM `appointments` AS a
  WHERE a.`business_id` = NEW.`business_id`
    AND a.`status` = 'booked'
    AND a.`start_at` < NEW.`blocked_until`
    AND a.`blocked_until` > NEW.`start_at`
)
BEGIN
  SELECT RAISE(ABORT, 'appointment_overlap');
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_no_overlap_update`
BEFORE UPDATE OF `start_at`, `end_at`, `blocked_until`, `status` ON `appointments`
WHEN NEW.`status` = 'booked' AND EXISTS (
  SELECT 1 FROM `appointments` AS a
  WHERE a.`business_id` = NEW.`business_id`
    AND a.`id` <> NEW.`id`
    AND a.`status` = 'booked'
    AND a.`start_at` < NEW.`blocked_until`
    AND a.`blocked_until` > NEW.`start_at`
)
BEGIN
  SELECT RAISE(ABORT, 'appointment_overlap');
END;
