import { fileURLToPath } from 'node:url'
import { sqlMigrationsFrom, type Migration } from '@maison/db'

/** The events app's schema in each space database, from apps/events/migrations/NNN_name.sql (append only). */
export const migrations: readonly Migration[] = sqlMigrationsFrom(fileURLToPath(new URL('../../migrations', import.meta.url)))
