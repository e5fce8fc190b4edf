import type { Statement } from 'better-sqlite3'
import type { Db } from '@maison/db'

/** A write lock (RFC 4918 §6) on a path of the DAV tree. */
export interface DavLock {
  token: string
  /** Path key of the lock root, "/files/alice/doc.txt". */
  root: string
  depth: 0 | 'infinity'
  scope: 'exclusive' | 'shared'
  /** The client's `<owner>` element, serialised, or null when absent. */
  ownerXml: string | null
  /** Username of the account that took the lock. */
  principal: string
  timeoutSeconds: number
  /** Epoch milliseconds. */
  expiresAt: number
}

/** Lock storage. Expired locks are filtered by the caller's clock. */
export interface LockRepository {
  /** Whether no lock is stored at all, expired ones included. */
  empty(): boolean
  /** Locks rooted exactly at one of these keys. */
  rootedAt(keys: readonly string[], now: number): DavLock[]
  /** Locks rooted strictly below a key. */
  below(key: string, now: number): DavLock[]
  byToken(token: string, now: number): DavLock | undefined
  insert(lock: DavLock): void
  refresh(token: string, timeoutSeconds: number, expiresAt: number): void
  remove(token: string): void
  /** Drops locks rooted at or below a key (after DELETE or MOVE of the resource). */
  removeAtOrBelow(key: string): void
  purgeExpired(now: number): number
}

interface Row {
  token: string
  root: string
  depth: number
  scope: string
  owner_xml: string | null
  principal: string
  timeout_s: number
  expires_at: number
}

const fromRow = (r: Row): DavLock => ({
  token: r.token,
  root: r.root,
  depth: r.depth < 0 ? 'infinity' : 0,
  scope: r.scope === 'shared' ? 'shared' : 'exclusive',
  ownerXml: r.owner_xml,
  principal: r.principal,
  timeoutSeconds: r.timeout_s,
  expiresAt: r.expires_at,
})

// '0' sorts right after '/', so [key + '/', key + '0') is exactly the subtree in BINARY collation.
const SUBTREE = `root >= ? || '/' AND root < ? || '0'`

/** Locks in the space database (table dav_locks, files migrations). */
export class SqliteLockRepository implements LockRepository {
  // Every write checks the locks; preparing cost more than running the lookup. One repository per handle.
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  private st(sql: string): Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  empty(): boolean {
    return (this.st('SELECT NOT EXISTS (SELECT 1 FROM dav_locks) AS empty').get() as { empty: number }).empty === 1
  }

  rootedAt(keys: readonly string[], now: number): DavLock[] {
    const rows = this
      .st('SELECT * FROM dav_locks WHERE root IN (SELECT value FROM json_each(?)) AND expires_at > ?')
      .all(JSON.stringify(keys), now) as Row[]
    return rows.map(fromRow)
  }

  below(key: string, now: number): DavLock[] {
    const rows = this.st(`SELECT * FROM dav_locks WHERE ${SUBTREE} AND expires_at > ?`).all(key, key, now) as Row[]
    return rows.map(fromRow)
  }

  byToken(token: string, now: number): DavLock | undefined {
    const r = this.st('SELECT * FROM dav_locks WHERE token = ? AND expires_at > ?').get(token, now) as Row | undefined
    return r ? fromRow(r) : undefined
  }

  insert(l: DavLock): void {
    this
      .st('INSERT INTO dav_locks (token, root, depth, scope, owner_xml, principal, timeout_s, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(l.token, l.root, l.depth === 'infinity' ? -1 : 0, l.scope, l.ownerXml, l.principal, l.timeoutSeconds, l.expiresAt)
  }

  refresh(token: string, timeoutSeconds: number, expiresAt: number): void {
    this.st('UPDATE dav_locks SET timeout_s = ?, expires_at = ? WHERE token = ?').run(timeoutSeconds, expiresAt, token)
  }

  remove(token: string): void {
    this.st('DELETE FROM dav_locks WHERE token = ?').run(token)
  }

  removeAtOrBelow(key: string): void {
    this.st(`DELETE FROM dav_locks WHERE root = ? OR (${SUBTREE})`).run(key, key, key)
  }

  purgeExpired(now: number): number {
    return this.st('DELETE FROM dav_locks WHERE expires_at <= ?').run(now).changes
  }
}
