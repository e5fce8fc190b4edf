import type { Migration } from '@maison/db'

export default {
  id: 2,
  name: 'fleet upgrades and statistics snapshots',
  up: `
    CREATE TABLE prov_upgrades (
      id INTEGER PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('running', 'halted', 'done')),
      schema_version TEXT NOT NULL,
      max_failures INTEGER NOT NULL CHECK (max_failures >= 1),
      lanes INTEGER NOT NULL CHECK (lanes >= 1),
      attempt INTEGER NOT NULL DEFAULT 1,
      started_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      -- Start of the current attempt; elapsed_ms adds up the attempts that ended.
      attempt_started_at TEXT NOT NULL,
      elapsed_ms INTEGER NOT NULL DEFAULT 0,
      finished_at TEXT,
      halt_reason TEXT
    );
    -- One fleet upgrade at a time: two would fight over the same spaces.
    CREATE UNIQUE INDEX prov_upgrades_one_running ON prov_upgrades (status) WHERE status = 'running';

    -- The spaces an upgrade found behind, and what happened to each. 'running' rows name the lane
    -- (job) that claimed them, so a lane taken over after a crash knows what to put back.
    CREATE TABLE prov_upgrade_spaces (
      upgrade_id INTEGER NOT NULL REFERENCES prov_upgrades (id) ON DELETE CASCADE,
      slug TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped')),
      lane TEXT,
      previous_status TEXT,
      migrations INTEGER,
      downtime_ms REAL,
      error TEXT,
      started_at TEXT,
      finished_at TEXT,
      PRIMARY KEY (upgrade_id, slug)
    );
    CREATE INDEX prov_upgrade_spaces_state ON prov_upgrade_spaces (upgrade_id, state, slug);

    CREATE TABLE prov_stats_snapshots (
      id INTEGER PRIMARY KEY,
      computed_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      data TEXT NOT NULL
    );
  `,
} satisfies Migration
