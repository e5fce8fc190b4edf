import type { MigrationSet } from '@maison/db'
import m001 from './001_provisioner.ts'
import m002 from './002_fleet.ts'
import m003 from './003_imports.ts'

/** The provisioner's tables in platform.sqlite. Append new migrations; never edit or reorder merged ones. */
export const provisionerMigrations: MigrationSet = { scope: 'provisioner', migrations: [m001, m002, m003] }
