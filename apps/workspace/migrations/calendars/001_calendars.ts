import type { Migration } from '@maison/db'

export default {
  id: 1,
  name: 'calendars, objects, change log, shares',
  up: `
    CREATE TABLE calendars (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      -- An account's username, or '_association' for the calendar every member sees.
      owner TEXT NOT NULL,
      uri TEXT NOT NULL,
      display_name TEXT NOT NULL,
      description TEXT,
      color TEXT,
      sort_order INTEGER,
      -- The VTIMEZONE sent with calendar-timezone, and the zone floating times are read in.
      timezone TEXT,
      tzid TEXT NOT NULL DEFAULT 'Europe/Paris',
      components TEXT NOT NULL DEFAULT 'VEVENT,VTODO',
      dead_props TEXT NOT NULL DEFAULT '{}',
      -- Number of the latest change; the sync token is derived from it.
      sync_seq INTEGER NOT NULL DEFAULT 0,
      -- Changes up to this number were trimmed from calendar_changes.
      log_floor INTEGER NOT NULL DEFAULT 0,
      public_token TEXT UNIQUE,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );
    CREATE UNIQUE INDEX calendars_live_uri ON calendars (owner, uri) WHERE deleted_at IS NULL;
    CREATE TABLE calendar_objects (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
      uri TEXT NOT NULL,
      uid TEXT NOT NULL,
      component TEXT NOT NULL,
      -- UTC ms bounds of every instance; NULL = unbounded (see @maison/ical indexFields).
      first_start INTEGER,
      last_end INTEGER,
      etag TEXT NOT NULL,
      size INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );
    CREATE UNIQUE INDEX calendar_objects_live_uri ON calendar_objects (calendar_id, uri) WHERE deleted_at IS NULL;
    CREATE UNIQUE INDEX calendar_objects_live_uid ON calendar_objects (calendar_id, uid) WHERE deleted_at IS NULL;
    CREATE INDEX calendar_objects_range ON calendar_objects (calendar_id, component, first_start) WHERE deleted_at IS NULL;
    CREATE INDEX calendar_objects_trash ON calendar_objects (deleted_at) WHERE deleted_at IS NOT NULL;
    -- RFC 6578 change log: op 1 = added or changed, 2 = removed.
    CREATE TABLE calendar_changes (
      calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      uri TEXT NOT NULL,
      op INTEGER NOT NULL,
      PRIMARY KEY (calendar_id, seq)
    ) WITHOUT ROWID;
    -- Who else sees a calendar: a member or a group, reading or writing ('none' withdraws a default).
    CREATE TABLE calendar_shares (
      calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),
      principal TEXT NOT NULL,
      access TEXT NOT NULL CHECK (access IN ('none', 'read', 'read-write')),
      PRIMARY KEY (calendar_id, kind, principal)
    ) WITHOUT ROWID;
    CREATE INDEX calendar_shares_principal ON calendar_shares (kind, principal);
  `,
} satisfies Migration
