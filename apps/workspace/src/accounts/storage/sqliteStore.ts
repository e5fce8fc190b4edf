import crypto from 'node:crypto'
import { writeTransaction, type Db } from '@maison/db'
import { SqliteAccountRepository } from './sqliteAccountRepository.ts'
import { SqliteGroupRepository } from './sqliteGroupRepository.ts'
import { SqliteInvitationRepository } from './sqliteInvitationRepository.ts'
import { SqliteAppPasswordRepository, SqlitePasswordResetRepository, SqliteSessionRepository } from './sqliteTokenRepositories.ts'
import type { AccountsStore, SecretStore, UnitOfWork } from './types.ts'

class SqliteUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Db) {}

  exclusive<T>(fn: () => T): T {
    // Nested calls join the outer transaction: better-sqlite3 turns them into savepoints.
    return writeTransaction(this.db, fn)
  }
}

class SqliteSecretStore implements SecretStore {
  private readonly cache = new Map<string, Buffer>()

  constructor(private readonly db: Db) {}

  secret(name: string): Buffer {
    const hit = this.cache.get(name)
    if (hit) return hit
    this.db
      .prepare('INSERT OR IGNORE INTO account_secrets (name, value) VALUES (?, ?)')
      .run(name, crypto.randomBytes(32).toString('base64'))
    const { value } = this.db.prepare('SELECT value FROM account_secrets WHERE name = ?').get(name) as { value: string }
    const key = Buffer.from(value, 'base64')
    this.cache.set(name, key)
    return key
  }
}

const stores = new WeakMap<Db, AccountsStore>()

/** The accounts repositories over one space database (one instance per open handle). */
export function sqliteAccountsStore(db: Db): AccountsStore {
  let store = stores.get(db)
  if (!store) {
    store = {
      accounts: new SqliteAccountRepository(db),
      sessions: new SqliteSessionRepository(db),
      appPasswords: new SqliteAppPasswordRepository(db),
      invitations: new SqliteInvitationRepository(db),
      resets: new SqlitePasswordResetRepository(db),
      groups: new SqliteGroupRepository(db),
      secrets: new SqliteSecretStore(db),
      tx: new SqliteUnitOfWork(db),
    }
    stores.set(db, store)
  }
  return store
}
