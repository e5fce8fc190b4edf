import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '@maison/db'
import { accountsMigrations } from '../accounts/index.ts'
import { filesMigrations } from '../../migrations/files/index.ts'
import { VerifiedAppPasswords } from './verified-app-passwords.ts'

function setup() {
  const db = openDatabase(':memory:')
  migrate(db, [accountsMigrations, filesMigrations])
  db.prepare(`INSERT INTO accounts (username, display_name, role, password_hash, created_at) VALUES ('ada', 'Ada', 'member', 'h', 'now')`).run()
  db.prepare(`INSERT INTO account_app_passwords (account_id, name, token_hash, created_at) VALUES (1, 'phone', 't1', 'now')`).run()
  const verified = new VerifiedAppPasswords(60_000)
  const principal = { accountId: 1, username: 'ada', displayName: 'Ada', role: 'member' as const, email: null, language: null, quotaBytes: null, via: 'app-password' as const }
  verified.remember(db, 'Basic x', verified.generation(db), principal, 0)
  return { db, verified }
}

describe('verified app passwords', () => {
  it('stay trusted across file writes and bookkeeping (last use, last login, a renamed password)', () => {
    const { db, verified } = setup()
    db.prepare(`INSERT INTO files_nodes (owner, parent, path, name, is_dir, size, mtime, ctime, etag) VALUES ('ada', NULL, '', '', 1, 0, 0, 0, 'e')`).run()
    db.prepare(`UPDATE account_app_passwords SET last_used_at = 'later', name = 'old phone'`).run()
    db.prepare(`UPDATE accounts SET last_login_at = 'later'`).run()
    expect(verified.principal(db, 'Basic x', 1)?.username).toBe('ada')
  })

  it.each([
    ['a revoked app password', `DELETE FROM account_app_passwords WHERE id = 1`],
    ['another app password created', `INSERT INTO account_app_passwords (account_id, name, token_hash, created_at) VALUES (1, 'laptop', 't2', 'now')`],
    ['a disabled account', `UPDATE accounts SET enabled = 0`],
    ['a changed role', `UPDATE accounts SET role = 'admin'`],
    ['a changed quota', `UPDATE accounts SET quota_bytes = 10`],
    ['a changed password', `UPDATE accounts SET password_hash = 'h2'`],
    ['a deleted account', `DELETE FROM accounts WHERE id = 1`],
  ])('are checked again after %s, by any connection', (_what, sql) => {
    const { db, verified } = setup()
    db.prepare(sql).run()
    expect(verified.principal(db, 'Basic x', 1)).toBeUndefined()
  })

  it('are checked again once their time is up', () => {
    const { db, verified } = setup()
    expect(verified.principal(db, 'Basic x', 59_999)).toBeDefined()
    expect(verified.principal(db, 'Basic x', 60_000)).toBeUndefined()
  })
})
