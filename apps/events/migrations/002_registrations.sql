-- Sign-ups to events (public side). Keyed by the event's app id and the occurrence's start, so a
-- recurring event keeps one list per occurrence. Personal columns are nulled by the retention purge;
-- the rows (and so the counts) stay.
CREATE TABLE events_registrations (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_uid TEXT NOT NULL,
  occurrence_start TEXT NOT NULL,
  -- When the occurrence ends: reminders and the retention purge count from it.
  occurrence_end TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'pending', 'confirmed', 'waiting', 'cancelled', 'refused')),
  name TEXT,
  email TEXT,
  account_username TEXT,
  answers TEXT NOT NULL DEFAULT '{}',
  language TEXT NOT NULL DEFAULT 'fr',
  created_at TEXT NOT NULL,
  email_confirmed_at TEXT,
  -- Order of the waiting list: when the person joined it.
  queued_at TEXT,
  seated_at TEXT,
  cancelled_at TEXT,
  reminded_at TEXT,
  purged_at TEXT
);
CREATE INDEX events_registrations_by_event ON events_registrations (event_id, occurrence_start, status);
-- One live sign-up per person and occurrence; cancelled or refused ones may be followed by a new one.
CREATE UNIQUE INDEX events_registrations_one_per_email ON events_registrations (event_id, occurrence_start, email)
  WHERE email IS NOT NULL AND status NOT IN ('cancelled', 'refused');
CREATE UNIQUE INDEX events_registrations_one_per_account ON events_registrations (event_id, occurrence_start, account_username)
  WHERE account_username IS NOT NULL AND status NOT IN ('cancelled', 'refused');

-- The key that signs personal links (confirm, view/cancel), one per space so links of a space never open another.
CREATE TABLE events_registration_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret TEXT NOT NULL
);
INSERT INTO events_registration_keys (id, secret) VALUES (1, lower(hex(randomblob(32))));

-- Messages organisers sent to participants; each recipient's mail key derives from the message id.
CREATE TABLE events_registration_messages (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  recipients INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
