import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './sqlite.ts'

/**
 * One schema step. Files are append-only: never edit or reorder a merged migration,
 * add a new one. `scope` separates the workspace's own schema from each app's.
 */
export interface Migration {
  id: number
  name: string
  up: string | ((db: Db) => void)
}

export interface MigrationSet {
  scope: string
  migrations: readonly Migration[]
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  scope TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
  PRIMARY KEY (scope, id))`

/** The latest migration id of each scope, as recorded in the database. */
export function appliedVersions(db: Db): Map<string, number> {
  db.exec(LEDGER)
  const rows = db.prepare('SELECT scope, max(id) AS id FROM schema_migrations GROUP BY scope').all() as { scope: string; id: number }[]
  return new Map(rows.map((r) => [r.scope, r.id]))
}

/** How many migrations of these sets are not applied yet. */
export function pendingCount(db: Db, sets: readonly MigrationSet[]): number {
  const applied = appliedVersions(db)
  let n = 0
  for (const set of sets) {
    const at = applied.get(set.scope) ?? 0
    n += set.migrations.filter((m) => m.id > at).length
  }
  return n
}

/** Decides, after a migration ran (inside its transaction), whether to keep it: `rowChanges` counts rows it inserted, updated or deleted. */
export type MigrationFilter = (m: Migration, rowChanges: number) => boolean

/** Thrown inside a step's transaction to roll it back when the filter refuses it. */
class Refused extends Error {}

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction so that two
 * processes migrating the same file cannot both apply a step.
 * Returns the number applied.
 */
export function migrate(db: Db, sets: readonly MigrationSet[], now: () => Date = () => new Date()): number {
  return migrateFiltered(db, sets, now)
}

/**
 * `migrate`, but a migration the filter refuses is rolled back and, with it, the rest of its scope
 * (later steps may depend on it); other scopes go on. Returns the number applied.
 */
export function migrateFiltered(db: Db, sets: readonly MigrationSet[], now: () => Date, keep?: MigrationFilter): number {
  db.exec(LEDGER)
  const isDone = db.prepare('SELECT 1 FROM schema_migrations WHERE scope = ? AND id = ?')
  const record = db.prepare('INSERT INTO schema_migrations (scope, id, name, applied_at) VALUES (?, ?, ?, ?)')
  const totalChanges = db.prepare('SELECT total_changes() AS n').pluck()
  // Read once, outside any transaction: an up-to-date database (most creations, every upgrade of a
  // space already done) then opens no write transaction at all. Each step still checks again inside its own.
  const recorded = new Set(db.prepare("SELECT scope || ':' || id FROM schema_migrations").pluck().all() as string[])
  let applied = 0
  for (const set of sets) {
    const ids = set.migrations.map((m) => m.id)
    if (new Set(ids).size !== ids.length) throw new Error(`duplicate migration id in scope ${set.scope}`)
    const ordered = [...set.migrations].sort((a, b) => a.id - b.id)
    for (const m of ordered) {
      if (recorded.has(`${set.scope}:${m.id}`)) continue
      const step = db.transaction(() => {
        if (isDone.get(set.scope, m.id)) return false
        const before = keep ? (totalChanges.get() as number) : 0
        if (typeof m.up === 'string') db.exec(m.up)
        else m.up(db)
        if (keep && !keep(m, (totalChanges.get() as number) - before)) throw new Refused()
        record.run(set.scope, m.id, m.name, now().toISOString())
        return true
      })
      try {
        if (step.immediate()) applied++
      } catch (err) {
        if (err instanceof Refused) break
        throw err
      }
    }
  }
  return applied
}

/** The migrations of a folder of `NNN_name.sql` files (append only), in id order: an app's schema. */
export function sqlMigrationsFrom(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f.slice(4, -4).replace(/_/g, ' '), up: fs.readFileSync(path.join(dir, f), 'utf8') }))
}
