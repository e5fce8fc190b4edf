import type { Migration } from '@maison/db'

export default {
  id: 3,
  name: 'imports in progress',
  up: `
    -- A space an import is filling: it stays closed (maintenance) until the import ends; a row left behind
    -- by a crashed import lets the sweep remove the half-made space, and only that space.
    CREATE TABLE prov_imports (
      slug TEXT PRIMARY KEY,
      started_at TEXT NOT NULL,
      touched_at TEXT NOT NULL
    );
  `,
} satisfies Migration
