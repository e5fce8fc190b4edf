-- How many confirmation e-mails a sign-up was sent (each send has its own mail key; at most 3).
ALTER TABLE events_registrations ADD COLUMN confirm_sends INTEGER NOT NULL DEFAULT 1;
-- When the e-mail of the current status was queued; cleared by the transaction that decides a new status,
-- so a process dying between that commit and the queueing leaves a trace the hourly housekeeping re-sends.
ALTER TABLE events_registrations ADD COLUMN notified_at TEXT;
UPDATE events_registrations SET notified_at = created_at;
