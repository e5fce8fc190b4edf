-- Events of the space: one row per VEVENT of the association calendar (keyed by its UID), holding the
-- calendar's fields as last synced plus what only the app knows. The calendar stays the source of truth
-- for the calendar fields; this table is the index public pages read.
CREATE TABLE events_events (
  id TEXT PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  -- Last path segment of the object resource in the association calendar; null until written.
  resource TEXT UNIQUE,
  etag TEXT,
  ics TEXT,
  -- 'app': created in the app; 'calendar': found in the calendar (a phone), not public until adopted.
  origin TEXT NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'calendar')),
  adopted INTEGER NOT NULL DEFAULT 1,
  title TEXT NOT NULL DEFAULT '',
  description_html TEXT NOT NULL DEFAULT '',
  description_text TEXT NOT NULL DEFAULT '',
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  timezone TEXT NOT NULL,
  all_day INTEGER NOT NULL DEFAULT 0,
  rrule TEXT,
  address TEXT,
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
  tags TEXT NOT NULL DEFAULT '[]',
  category TEXT,
  online_url TEXT,
  picture TEXT,
  visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'members')),
  draft INTEGER NOT NULL DEFAULT 0,
  publish_at TEXT,
  organiser_contact TEXT,
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
  join_mode TEXT NOT NULL DEFAULT 'free' CHECK (join_mode IN ('free', 'approval', 'external', 'none')),
  external_url TEXT,
  questions TEXT NOT NULL DEFAULT '[]',
  accessibility TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Occurrences are materialised up to here (UTC ISO); endless rules are extended by the periodic sync.
  expanded_until TEXT
);
CREATE INDEX events_events_start ON events_events (start_at);
CREATE INDEX events_events_publish ON events_events (publish_at) WHERE publish_at IS NOT NULL;
CREATE INDEX events_events_picture ON events_events (picture) WHERE picture IS NOT NULL;

-- Occurrences materialised from the VEVENT (bounded), so pages and feeds never expand rules on a hit.
CREATE TABLE events_occurrences (
  event_id TEXT NOT NULL REFERENCES events_events (id) ON DELETE CASCADE,
  -- RECURRENCE-ID as an ISO instant, '' for a single event.
  recurrence_id TEXT NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (event_id, recurrence_id)
);
CREATE INDEX events_occurrences_start ON events_occurrences (start_at);
CREATE INDEX events_occurrences_end ON events_occurrences (end_at);

CREATE TABLE events_tags (
  event_id TEXT NOT NULL REFERENCES events_events (id) ON DELETE CASCADE,
  tag TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (event_id, tag)
);
CREATE INDEX events_tags_tag ON events_tags (tag);

-- One row: the index version (ETags of pages and feeds), the calendar's sync token and the site presentation.
CREATE TABLE events_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL DEFAULT 0,
  sync_token TEXT,
  synced_at TEXT,
  site_html TEXT NOT NULL DEFAULT ''
);
INSERT INTO events_state (id) VALUES (1);
