import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { migrateFiltered, type Migration, type MigrationSet } from './migrations.ts'
import { openDatabase, type Db } from './sqlite.ts'
import { prepared } from './statements.ts'

/** `applied_at` of the ledger rows a template holds; a copy stamps its own time over it (`stampTemplateLedger`). */
export const TEMPLATE_MARK = 'template'

// SQLite's sources of values that differ from one run to the next: randomness and the clock.
const NONDETERMINISTIC = /\b(random|randomblob|date|time|datetime|julianday|unixepoch|strftime|timediff)\s*\(|\bcurrent_(date|time|timestamp)\b|'now'/i

/**
 * Whether a migration's effect is the same in every database, so that it can be run once in a
 * template: pure schema always is; data only when written by SQL text that names neither the
 * clock nor randomness, into a schema whose defaults and triggers don't either. A migration in
 * code (a function) that writes rows could read anything (a key, a slug, Date.now()): it runs per copy.
 */
function sameEverywhere(db: Db, m: Migration, rowChanges: number): boolean {
  if (rowChanges === 0) return true
  if (typeof m.up !== 'string' || NONDETERMINISTIC.test(m.up)) return false
  const schema = db.prepare("SELECT group_concat(sql, ';') FROM sqlite_master WHERE sql IS NOT NULL").pluck().get() as string | null
  return !NONDETERMINISTIC.test(schema ?? '')
}

const tempName = (file: string) => `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Builds a pre-migrated, empty database at `file`: every migration whose effect is the same in
 * every database (see `sameEverywhere`); one that is not, and the rest of its scope, stay pending
 * so that `migrate` runs them in each copy with that copy's own values. Written to a temp file,
 * vacuumed, checkpointed (one self-contained file, WAL mode kept in its header), synced and renamed:
 * a crash or a concurrent build never leaves a half template. Returns the number of migrations it holds.
 */
export function buildTemplate(file: string, sets: readonly MigrationSet[]): number {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = tempName(file)
  try {
    const db = openDatabase(tmp)
    let held: number
    try {
      held = migrateFiltered(db, sets, () => new Date(0), (m, changes) => sameEverywhere(db, m, changes))
      db.prepare('UPDATE schema_migrations SET applied_at = ?').run(TEMPLATE_MARK)
      db.exec('VACUUM')
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    fsyncFile(tmp)
    fs.renameSync(tmp, file)
    fsyncDir(path.dirname(file))
    return held
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true })
  }
}

/**
 * Problems that forbid using a template with these migration sets (empty when it fits): it must open,
 * pass SQLite's quick check, and hold for each scope a prefix of the code's migrations, nothing else.
 */
export function templateProblems(file: string, sets: readonly MigrationSet[]): string[] {
  let db: Database.Database | undefined
  try {
    // Read-write though it only reads: a read-only connection to a WAL file leaves -wal/-shm beside it; this one removes them on close.
    db = new Database(file, { fileMustExist: true })
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') return [`quick_check: ${String(check)}`]
    const rows = db.prepare('SELECT scope, id, applied_at FROM schema_migrations ORDER BY scope, id').all() as { scope: string; id: number; applied_at: string }[]
    const problems: string[] = []
    const byScope = new Map(sets.map((s) => [s.scope, s.migrations.map((m) => m.id).sort((a, b) => a - b)]))
    const held = new Map<string, number[]>()
    for (const r of rows) {
      if (r.applied_at !== TEMPLATE_MARK) problems.push(`${r.scope} ${r.id}: not a template row`)
      held.set(r.scope, [...(held.get(r.scope) ?? []), r.id])
    }
    for (const [scope, ids] of held) {
      const code = byScope.get(scope)
      if (!code) problems.push(`scope ${scope} is not in the code`)
      else if (ids.some((id, i) => code[i] !== id)) problems.push(`scope ${scope} holds ${ids.join(',')}, not a prefix of ${code.join(',')}`)
    }
    return problems
  } catch (err) {
    return [(err as Error).message]
  } finally {
    db?.close()
  }
}

/**
 * Makes `file` a copy of `template` unless it exists already: copied (a reflink where the filesystem
 * can) to a temp file, synced, then hard-linked into place, which fails rather than replace a file
 * another process created meanwhile. Asynchronous, so the copy and its fsync leave the event loop free.
 * Resolves to true when this call made the file.
 * @throws the copy's error (ENOENT when the template is gone).
 */
export async function copyTemplate(template: string, file: string): Promise<boolean> {
  if (fs.existsSync(file)) return false
  const tmp = tempName(file)
  try {
    await fsp.copyFile(template, tmp, fs.constants.COPYFILE_FICLONE)
    // A power cut after the link must not leave a name pointing at unwritten pages.
    const fh = await fsp.open(tmp, 'r+')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
    try {
      await fsp.link(tmp, file)
      return true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw err
    }
  } finally {
    await fsp.rm(tmp, { force: true })
  }
}

/** Gives the ledger rows a copy inherited from its template this database's own time. Returns how many. */
export function stampTemplateLedger(db: Db, now: Date): number {
  return prepared(db, 'UPDATE schema_migrations SET applied_at = ? WHERE applied_at = ?').run(now.toISOString(), TEMPLATE_MARK).changes
}
