import type { Migration } from '@maison/db'

export default {
  id: 1,
  name: 'public share links',
  up: `
    CREATE TABLE shares (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      token TEXT NOT NULL UNIQUE,
      -- The shared item follows its file id, so a renamed or moved file keeps its link.
      fileid INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      password_hash TEXT,
      expires_at INTEGER,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX shares_fileid ON shares (fileid);
    CREATE INDEX shares_creator ON shares (created_by);
    -- A visitor who typed a share's password gets a random session id (hashed here).
    CREATE TABLE share_sessions (
      share_id INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
      sid_hash TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (share_id, sid_hash)
    ) WITHOUT ROWID;
  `,
} satisfies Migration
