import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

/** Opens (creating if needed) a SQLite file with the pragmas every Maison database uses. */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !fs.existsSync(file)) fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file, { readonly: opts.readonly ?? false })
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  // Several processes (web replicas, workers) may write the same space; wait rather than fail.
  db.pragma('busy_timeout = 5000')
  return db
}
