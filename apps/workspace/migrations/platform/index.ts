import type { MigrationSet } from '@maison/db'
import m001 from './001_spaces.ts'
import m002 from './002_mail.ts'

/** Append new migrations at the end; never edit or reorder merged ones. */
export const platformMigrations: MigrationSet = { scope: 'platform', migrations: [m001, m002] }
