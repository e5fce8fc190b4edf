import { createHash } from 'node:crypto'
import type { Db } from '@maison/db'

/**
 * Stand-in until `apps/workspace/src/accounts` exports `ensureAccount` and an activation-token
 * function: writes the accounts tables of the accounts migration directly. The admin gets an
 * unusable password and a 7-day password-reset token, which the `/reset/{token}` page redeems.
 * Replace both functions with the accounts module's as soon as it exists (see the report).
 */
export interface AdminAccounts {
  ensureAdmin(db: Db, admin: { username: string; email: string; displayName: string; language: 'en' | 'fr' }, at: Date): void
  ensureActivationToken(db: Db, username: string, secret: string, at: Date): void
}

const ACTIVATION_DAYS = 7

export const interimAccounts: AdminAccounts = {
  ensureAdmin(db, a, at) {
    db.prepare(`INSERT INTO accounts (username, display_name, email, role, password_hash, language, created_at)
        VALUES (?, ?, ?, 'admin', '!', ?, ?) ON CONFLICT (username) DO NOTHING`)
      .run(a.username, a.displayName, a.email, a.language, at.toISOString())
  },
  ensureActivationToken(db, username, secret, at) {
    const account = db.prepare('SELECT id FROM accounts WHERE username = ?').get(username) as { id: number } | undefined
    if (!account) throw new Error(`no account ${username} to activate`)
    const expires = new Date(at.getTime() + ACTIVATION_DAYS * 86400_000).toISOString()
    db.prepare(`INSERT INTO account_password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (token_hash) DO NOTHING`)
      .run(createHash('sha256').update(secret).digest('hex'), account.id, at.toISOString(), expires)
  },
}
