CREATE TABLE members_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE members_categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  hidden INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE members_fields (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text','long_text','number','date','choice','multiple_choice','checkbox','email','phone','url')),
  required INTEGER NOT NULL DEFAULT 0,
  help TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]',
  member_visible INTEGER NOT NULL DEFAULT 0,
  member_editable INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE members_members (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  street TEXT,
  postcode TEXT,
  city TEXT,
  country TEXT,
  birth_date TEXT,
  category_id INTEGER REFERENCES members_categories(id) ON DELETE RESTRICT,
  joined_on TEXT NOT NULL,
  consent_newsletter INTEGER NOT NULL DEFAULT 0,
  consent_photos INTEGER NOT NULL DEFAULT 0,
  reminders_opt_out INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'fr',
  notes TEXT NOT NULL DEFAULT '',
  custom TEXT NOT NULL DEFAULT '{}',
  account TEXT UNIQUE,
  verify_token TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_members_name ON members_members (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX members_members_email ON members_members (email COLLATE NOCASE);
CREATE INDEX members_members_category ON members_members (category_id);

CREATE TABLE members_activities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  validity TEXT NOT NULL CHECK (validity IN ('days','season','none')),
  validity_days INTEGER,
  season_start TEXT,
  season_end TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE members_fees (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES members_activities(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  category_id INTEGER REFERENCES members_categories(id) ON DELETE CASCADE
);
-- One default fee (no category) and at most one fee per category for each activity.
CREATE UNIQUE INDEX members_fees_one_per_category ON members_fees (activity_id, ifnull(category_id, 0));

CREATE TABLE members_subscriptions (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members_members(id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES members_activities(id) ON DELETE RESTRICT,
  fee_id INTEGER REFERENCES members_fees(id) ON DELETE SET NULL,
  amount_due_cents INTEGER NOT NULL,
  starts_on TEXT NOT NULL,
  expires_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX members_subscriptions_member ON members_subscriptions (member_id, starts_on, id);

CREATE TABLE members_payments (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members_members(id) ON DELETE CASCADE,
  subscription_id INTEGER NOT NULL REFERENCES members_subscriptions(id) ON DELETE CASCADE,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  paid_on TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('cash','cheque','transfer','card','online')),
  reference TEXT,
  note TEXT NOT NULL DEFAULT '',
  receipt_number INTEGER NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX members_payments_member ON members_payments (member_id);
CREATE INDEX members_payments_subscription ON members_payments (subscription_id);

CREATE TABLE members_reminder_rules (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES members_activities(id) ON DELETE CASCADE,
  offset_days INTEGER NOT NULL,
  subject_fr TEXT NOT NULL,
  body_fr TEXT NOT NULL,
  subject_en TEXT NOT NULL,
  body_en TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- The reminder ledger: a row is the decision to send, written in the same transaction that takes it.
CREATE TABLE members_reminders_sent (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  rule_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members_members(id) ON DELETE CASCADE,
  expires_on TEXT NOT NULL,
  email TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  enqueued_at TEXT,
  UNIQUE (rule_id, member_id, expires_on)
);
CREATE INDEX members_reminders_sent_pending ON members_reminders_sent (enqueued_at) WHERE enqueued_at IS NULL;
CREATE INDEX members_reminders_sent_member ON members_reminders_sent (member_id);
