import type { Db } from '@maison/db'
import { ACCOUNT_TUPLE_COLUMNS, accountOfTuple } from './sqliteAccountRepository.ts'
import type {
  AccountRecord, AppPasswordRecord, AppPasswordRepository, NewSession, PasswordResetRecord, PasswordResetRepository,
  SessionRecord, SessionRepository,
} from './types.ts'

export class SqliteSessionRepository implements SessionRepository {
  constructor(private readonly db: Db) {}

  insert(s: NewSession): void {
    this.db
      .prepare(`INSERT INTO account_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, address)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(s.tokenHash, s.accountId, s.csrfToken, s.createdAt, s.createdAt, s.expiresAt, s.userAgent, s.address)
  }

  byTokenHash(tokenHash: string): SessionRecord | undefined {
    return this.db
      .prepare(`SELECT id, account_id AS accountId, csrf_token AS csrfToken, last_seen_at AS lastSeenAt, expires_at AS expiresAt
        FROM account_sessions WHERE token_hash = ?`)
      .get(tokenHash) as SessionRecord | undefined
  }

  renew(id: number, lastSeenAt: string, expiresAt: string): void {
    this.db.prepare('UPDATE account_sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(lastSeenAt, expiresAt, id)
  }

  removeByTokenHash(tokenHash: string): void {
    this.db.prepare('DELETE FROM account_sessions WHERE token_hash = ?').run(tokenHash)
  }

  removeForAccount(accountId: number, keep?: string): void {
    this.db.prepare('DELETE FROM account_sessions WHERE account_id = ? AND token_hash IS NOT ?').run(accountId, keep ?? null)
  }

  removeExpired(now: string): number {
    return this.db.prepare('DELETE FROM account_sessions WHERE expires_at <= ?').run(now).changes
  }
}

const APP_PASSWORD_COLUMNS = 'id, account_id AS accountId, name, created_at AS createdAt, last_used_at AS lastUsedAt'

// The app password and its account in one read: every DAV request with an app password checks both.
// Its own SQL text, so raw mode stays on this statement in the handle's statement cache.
const WITH_ACCOUNT_RAW = `SELECT p.id, p.name, p.created_at, p.last_used_at, ${ACCOUNT_TUPLE_COLUMNS.map((c) => `a.${c}`).join(', ')}
  FROM account_app_passwords p JOIN accounts a ON a.id = p.account_id WHERE p.token_hash = ?`

export class SqliteAppPasswordRepository implements AppPasswordRepository {
  // Prepared on first use: a store may be built over a database whose migrations have not run yet.
  private withAccountRaw: ReturnType<Db['prepare']> | undefined

  constructor(private readonly db: Db) {}

  withAccount(tokenHash: string): { appPassword: AppPasswordRecord; account: AccountRecord } | undefined {
    this.withAccountRaw ??= this.db.prepare(WITH_ACCOUNT_RAW).raw(true)
    const r = this.withAccountRaw.get(tokenHash) as unknown[] | undefined
    if (!r) return undefined
    const account = accountOfTuple(r, 4)
    return {
      appPassword: { id: r[0] as number, accountId: account.id, name: r[1] as string, createdAt: r[2] as string, lastUsedAt: r[3] as string | null },
      account,
    }
  }

  insert(p: { accountId: number; name: string; tokenHash: string; createdAt: string }): AppPasswordRecord {
    const info = this.db
      .prepare('INSERT INTO account_app_passwords (account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(p.accountId, p.name, p.tokenHash, p.createdAt)
    return { id: Number(info.lastInsertRowid), accountId: p.accountId, name: p.name, createdAt: p.createdAt, lastUsedAt: null }
  }

  byTokenHash(tokenHash: string): AppPasswordRecord | undefined {
    return this.db
      .prepare(`SELECT ${APP_PASSWORD_COLUMNS} FROM account_app_passwords WHERE token_hash = ?`)
      .get(tokenHash) as AppPasswordRecord | undefined
  }

  listForAccount(accountId: number): AppPasswordRecord[] {
    return this.db
      .prepare(`SELECT ${APP_PASSWORD_COLUMNS} FROM account_app_passwords WHERE account_id = ? ORDER BY created_at, id`)
      .all(accountId) as AppPasswordRecord[]
  }

  remove(accountId: number, id: number): boolean {
    return this.db.prepare('DELETE FROM account_app_passwords WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0
  }

  touch(id: number, at: string): void {
    this.db.prepare('UPDATE account_app_passwords SET last_used_at = ? WHERE id = ?').run(at, id)
  }
}

export class SqlitePasswordResetRepository implements PasswordResetRepository {
  constructor(private readonly db: Db) {}

  insert(r: { accountId: number; tokenHash: string; createdAt: string; expiresAt: string }): void {
    this.db
      .prepare('INSERT INTO account_password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(r.tokenHash, r.accountId, r.createdAt, r.expiresAt)
  }

  byTokenHash(tokenHash: string): PasswordResetRecord | undefined {
    return this.db
      .prepare(`SELECT id, account_id AS accountId, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt
        FROM account_password_resets WHERE token_hash = ?`)
      .get(tokenHash) as PasswordResetRecord | undefined
  }

  markUsed(id: number, at: string): boolean {
    return this.db.prepare('UPDATE account_password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL').run(at, id).changes > 0
  }

  /** Marks every unused link of the account used; returns how many were. */
  markAllUsed(accountId: number, at: string): number {
    return this.db.prepare('UPDATE account_password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(at, accountId).changes
  }

  countSince(accountId: number, since: string): number {
    return (this.db
      .prepare('SELECT count(*) AS n FROM account_password_resets WHERE account_id = ? AND created_at >= ?')
      .get(accountId, since) as { n: number }).n
  }
}
