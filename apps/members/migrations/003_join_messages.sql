-- A member who applied through the public join form waits for an admin to validate them.
ALTER TABLE members_members ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX members_members_pending ON members_members (pending) WHERE pending = 1;

-- Messages the admins send to a selection; each recipient's mail key derives from the row id.
CREATE TABLE members_messages (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  recipients INTEGER NOT NULL,
  sent_at TEXT NOT NULL
);

-- Applications per (hashed) address, for the join form's rate limit; rows older than a day are pruned.
CREATE TABLE members_join_attempts (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX members_join_attempts_key ON members_join_attempts (key, at);
