import type { MigrationSet } from '@maison/db'
import m001 from './001_shares.ts'

/** Append only. */
export const sharesMigrations: MigrationSet = { scope: 'shares', migrations: [m001] }
