import type { Migration } from '@maison/db'

/** Accounts, browser sessions, app passwords, invitations, password resets, groups and auth secrets. */
export const m001Accounts: Migration = {
  id: 1,
  name: 'accounts',
  up: `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  -- NOCASE: "Alice" and "alice" are one login, as in Nextcloud.
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  password_hash TEXT NOT NULL,
  quota_bytes INTEGER CHECK (quota_bytes IS NULL OR quota_bytes >= 0),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  language TEXT CHECK (language IS NULL OR language IN ('en', 'fr')),
  created_at TEXT NOT NULL,
  last_login_at TEXT
);
-- Login by e-mail must name one account.
CREATE UNIQUE INDEX accounts_email ON accounts (email) WHERE email IS NOT NULL;

CREATE TABLE account_sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  user_agent TEXT,
  address TEXT
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);

CREATE TABLE account_app_passwords (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX account_app_passwords_account ON account_app_passwords (account_id);

CREATE TABLE account_invitations (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
  invited_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  accepted_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  revoked_at TEXT
);

CREATE TABLE account_password_resets (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX account_password_resets_account ON account_password_resets (account_id);

CREATE TABLE account_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE account_group_members (
  group_id INTEGER NOT NULL REFERENCES account_groups (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, account_id)
);
CREATE INDEX account_group_members_account ON account_group_members (account_id);

-- Per-space keys (e.g. the one signing logged-out CSRF tokens), created on first use.
CREATE TABLE account_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
}
