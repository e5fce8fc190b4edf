import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

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

const pause = new Int32Array(new SharedArrayBuffer(4))

/**
 * Processes started together on a new file (web replicas on an empty DATA_DIR) race to switch it to WAL; SQLite
 * answers the loser SQLITE_BUSY at once, without its busy handler (waiting could deadlock), so retry here.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      db.pragma('journal_mode = WAL')
      return
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20)
    }
  }
}
