import type { MigrationSet } from '@maison/db'
import { migration001 } from './001_files.ts'

/** Schema of the workspace's file storage and DAV locks, in each space database. Append only. */
export const filesMigrations: MigrationSet = {
  scope: 'files',
  migrations: [migration001],
}
