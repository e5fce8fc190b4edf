import type { Migration } from '@maison/db'

export default {
  id: 1,
  name: 'spaces registry',
  up: `
    CREATE TABLE spaces (
      slug TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'maintenance', 'deleted')),
      quota_bytes INTEGER NOT NULL,
      max_accounts INTEGER NOT NULL,
      settings TEXT NOT NULL DEFAULT '{}',
      host TEXT NOT NULL DEFAULT 'local',
      -- Fingerprint of the migrations applied to the space database; differs from the code's during an upgrade.
      schema_version TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX spaces_status ON spaces (status);
  `,
} satisfies Migration
