import { fileURLToPath } from 'node:url'
import { sqlMigrationsFrom, type Migration } from '@maison/db'

/** Visuals' schema in each space database, from apps/visuals/migrations/NNN_name.sql (append only). */
export const migrations: readonly Migration[] = sqlMigrationsFrom(fileURLToPath(new URL('../../migrations', import.meta.url)))
