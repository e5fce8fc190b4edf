import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Migration } from '@maison/db'

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations')

/** The events app's schema in each space database, from apps/events/migrations/NNN_name.sql (append only). */
export const migrations: readonly Migration[] = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
  .sort()
  .map((f) => ({ id: Number(f.slice(0, 3)), name: f.slice(4, -4).replace(/_/g, ' '), up: fs.readFileSync(path.join(DIR, f), 'utf8') }))
