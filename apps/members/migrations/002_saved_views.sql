-- Named filter + sort sets the admins keep per space (the list's "saved views").
CREATE TABLE members_saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL
);
