import { fileURLToPath } from 'node:url'
import { sqlMigrationsFrom, type Migration } from '@maison/db'

/** Members' schema in each space database, from apps/members/migrations/NNN_name.sql (append only). */
export const migrations: readonly Migration[] = sqlMigrationsFrom(fileURLToPath(new URL('../../migrations', import.meta.url)))
