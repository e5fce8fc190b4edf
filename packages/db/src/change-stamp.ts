import type { Statement } from 'better-sqlite3'
import type { Db } from './sqlite.ts'

const statements = new WeakMap<Db, Statement>()

/**
 * A value that changes whenever anything is committed to the database, by this connection or any other
 * (another process included): SQLite's `data_version` counts the others' commits, `total_changes()` this
 * connection's own rows. Equal stamps from one connection mean nothing was written in between; stamps of
 * two connections (or of one database closed and opened again) cannot be compared.
 */
export function changeStamp(db: Db): string {
  let st = statements.get(db)
  if (!st) statements.set(db, (st = db.prepare(`SELECT data_version || '.' || total_changes() FROM pragma_data_version`).pluck()))
  return st.get() as string
}
