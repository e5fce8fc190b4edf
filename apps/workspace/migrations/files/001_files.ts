import type { Migration } from '@maison/db'

/** File metadata, dead properties, locks, trash and association-folder settings. */
export const migration001: Migration = {
  id: 1,
  name: 'files',
  up: `
CREATE TABLE files_nodes (
  fileid INTEGER PRIMARY KEY AUTOINCREMENT,
  owner TEXT NOT NULL,
  parent INTEGER REFERENCES files_nodes(fileid) ON DELETE CASCADE,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  is_dir INTEGER NOT NULL,
  size INTEGER NOT NULL DEFAULT 0,
  mtime INTEGER NOT NULL,
  ctime INTEGER NOT NULL,
  etag TEXT NOT NULL,
  content_type TEXT
);
CREATE UNIQUE INDEX files_nodes_path ON files_nodes(owner, path);
CREATE INDEX files_nodes_parent ON files_nodes(parent);

CREATE TABLE files_props (
  fileid INTEGER NOT NULL REFERENCES files_nodes(fileid) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (fileid, name)
) WITHOUT ROWID;

CREATE TABLE dav_locks (
  token TEXT PRIMARY KEY,
  root TEXT NOT NULL,
  depth INTEGER NOT NULL,
  scope TEXT NOT NULL,
  owner_xml TEXT,
  principal TEXT NOT NULL,
  timeout_s INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX dav_locks_root ON dav_locks(root);

CREATE TABLE files_trash (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL,
  source_owner TEXT NOT NULL,
  original_path TEXT NOT NULL,
  name TEXT NOT NULL,
  is_dir INTEGER NOT NULL,
  size INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL
);
CREATE INDEX files_trash_user ON files_trash(username, deleted_at);

CREATE TABLE files_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
}
