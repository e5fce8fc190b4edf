import type { Migration } from '@maison/db'
import { m001Accounts } from './001-accounts.ts'
import { m002AuthGeneration } from './002-auth-generation.ts'

/** Append a new entry for each schema change; never edit or reorder a merged one. */
export const accountsMigrationList: readonly Migration[] = [m001Accounts, m002AuthGeneration]
