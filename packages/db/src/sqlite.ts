import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { isBusy, pauseSync } from './busy.ts'

export type Db = Database.Database

/** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/** Opens (creating if needed) a SQLite file with the pragmas every Maison database uses. */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !fs.existsSync(file)) fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file, { readonly: opts.readonly ?? false })
  // Several processes (web replicas, workers) may write the same file; wait rather than fail.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  if (!opts.readonly) {
    switchToWal(db)
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  return db
}

/**
 * Processes started together on a new file (web replicas on an empty DATA_DIR) race to switch it to WAL; SQLite
 * answers the loser SQLITE_BUSY at once, without its busy handler (waiting could deadlock), so retry here.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  for (;;) {
    try {
      db.pragma('journal_mode = WAL')
      return
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err
      pauseSync(5 + Math.random() * 20)
    }
  }
}
