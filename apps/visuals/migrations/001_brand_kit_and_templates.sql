-- The space's brand kit (one row) and the templates its admins upload.
CREATE TABLE visuals_brand_kit (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  kit TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE visuals_templates (
  id TEXT PRIMARY KEY,
  manifest TEXT NOT NULL,
  svg TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
