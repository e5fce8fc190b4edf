import type { Db } from '@maison/db'
import type { AccountPatch, AccountQuery, AccountRecord, AccountRepository, NewAccount } from './types.ts'

interface Row {
  id: number
  username: string
  display_name: string
  email: string | null
  role: 'admin' | 'member'
  password_hash: string
  quota_bytes: number | null
  enabled: number
  language: 'en' | 'fr' | null
  created_at: string
  last_login_at: string | null
}

const COLUMNS: Record<keyof AccountPatch, string> = {
  displayName: 'display_name', email: 'email', role: 'role', enabled: 'enabled',
  quotaBytes: 'quota_bytes', language: 'language', passwordHash: 'password_hash',
}

function toRecord(r: Row): AccountRecord {
  return {
    id: r.id, username: r.username, displayName: r.display_name, email: r.email, role: r.role,
    passwordHash: r.password_hash, quotaBytes: r.quota_bytes, enabled: r.enabled === 1,
    language: r.language, createdAt: r.created_at, lastLoginAt: r.last_login_at,
  }
}

/** Escapes LIKE wildcards so a search for "a_b" matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

// Every DAV request with an app password reads its account by id: as an array, better-sqlite3 skips
// building a row object property by property. Its own statement (own SQL text): raw mode never leaks
// into a statement shared through the handle's statement cache.
/** The account columns in the order `accountOfTuple` reads them (prefix them for a join). */
export const ACCOUNT_TUPLE_COLUMNS = ['id', 'username', 'display_name', 'email', 'role', 'password_hash', 'quota_bytes', 'enabled', 'language', 'created_at', 'last_login_at']
const BY_ID_RAW = `SELECT ${ACCOUNT_TUPLE_COLUMNS.join(', ')} FROM accounts WHERE id = ?`

/** An account read in raw mode: ACCOUNT_TUPLE_COLUMNS from position `at` of the row. */
export function accountOfTuple(r: readonly unknown[], at = 0): AccountRecord {
  return {
    id: r[at] as number, username: r[at + 1] as string, displayName: r[at + 2] as string, email: r[at + 3] as string | null,
    role: r[at + 4] as 'admin' | 'member', passwordHash: r[at + 5] as string, quotaBytes: r[at + 6] as number | null,
    enabled: r[at + 7] === 1, language: r[at + 8] as 'en' | 'fr' | null, createdAt: r[at + 9] as string, lastLoginAt: r[at + 10] as string | null,
  }
}

export class SqliteAccountRepository implements AccountRepository {
  // Prepared on first use: a store may be built over a database whose migrations have not run yet.
  private byIdRaw: ReturnType<Db['prepare']> | undefined

  constructor(private readonly db: Db) {}

  byId(id: number): AccountRecord | undefined {
    this.byIdRaw ??= this.db.prepare(BY_ID_RAW).raw(true)
    const r = this.byIdRaw.get(id) as unknown[] | undefined
    return r && accountOfTuple(r)
  }

  byUsername(username: string): AccountRecord | undefined {
    const r = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as Row | undefined
    return r && toRecord(r)
  }

  byEmail(email: string): AccountRecord | undefined {
    const r = this.db.prepare('SELECT * FROM accounts WHERE email = ?').get(email) as Row | undefined
    return r && toRecord(r)
  }

  byLogin(login: string): AccountRecord | undefined {
    return this.byUsername(login) ?? (login.includes('@') ? this.byEmail(login) : undefined)
  }

  list(q: AccountQuery = {}): AccountRecord[] {
    const where = q.search ? "WHERE username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'" : ''
    const args: unknown[] = q.search ? [likePattern(q.search), likePattern(q.search), likePattern(q.search)] : []
    const rows = this.db
      .prepare(`SELECT * FROM accounts ${where} ORDER BY username COLLATE NOCASE LIMIT ? OFFSET ?`)
      .all(...args, q.limit ?? -1, q.offset ?? 0) as Row[]
    return rows.map(toRecord)
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n
  }

  countEnabledAdmins(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM accounts WHERE role = 'admin' AND enabled = 1").get() as { n: number }).n
  }

  insert(a: NewAccount): AccountRecord {
    const info = this.db
      .prepare(`INSERT INTO accounts (username, display_name, email, role, password_hash, quota_bytes, language, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(a.username, a.displayName, a.email, a.role, a.passwordHash, a.quotaBytes, a.language, a.createdAt)
    return this.byId(Number(info.lastInsertRowid))!
  }

  update(id: number, patch: AccountPatch): void {
    const keys = (Object.keys(patch) as (keyof AccountPatch)[]).filter((k) => patch[k] !== undefined)
    if (keys.length === 0) return
    const sets = keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')
    const values = keys.map((k) => (k === 'enabled' ? (patch.enabled ? 1 : 0) : patch[k]))
    this.db.prepare(`UPDATE accounts SET ${sets} WHERE id = ?`).run(...values, id)
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id)
  }

  touchLogin(id: number, at: string): void {
    this.db.prepare('UPDATE accounts SET last_login_at = ? WHERE id = ?').run(at, id)
  }
}
