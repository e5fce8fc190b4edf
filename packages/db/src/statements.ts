import type { Statement } from 'better-sqlite3'
import type { Db } from './sqlite.ts'

// Per connection: a closed database's statements go with it.
const caches = new WeakMap<Db, Map<string, Statement>>()

/** The prepared statement of `sql` on `db`, compiled once per connection instead of on every call. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let st = cache.get(sql)
  if (!st) cache.set(sql, (st = db.prepare(sql)))
  return st
}
