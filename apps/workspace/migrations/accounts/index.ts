import type { Migration } from '@maison/db'
import { m001Accounts } from './001-accounts.ts'

/** Append a new entry for each schema change; never edit or reorder a merged one. */
export const accountsMigrationList: readonly Migration[] = [m001Accounts]
