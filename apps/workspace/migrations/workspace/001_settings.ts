import type { Migration } from '@maison/db'

export default {
  id: 1,
  name: 'space settings',
  up: `
    CREATE TABLE space_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
} satisfies Migration
