import type { MigrationSet } from '@maison/db'
import m001 from './001_provisioner.ts'

/** The provisioner's tables in platform.sqlite. Append new migrations; never edit or reorder merged ones. */
export const provisionerMigrations: MigrationSet = { scope: 'provisioner', migrations: [m001] }
