import type { MigrationSet } from '@maison/db'
import m001 from './001_settings.ts'

/** The workspace's own tables in each space database. Append only. */
export const workspaceMigrations: MigrationSet = { scope: 'workspace', migrations: [m001] }
