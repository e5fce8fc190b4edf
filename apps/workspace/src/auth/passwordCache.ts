import crypto from 'node:crypto'

interface Entry {
  accountId: number
  passwordHash: string
  expiresAt: number
}

/**
 * Remembers recent successful Basic logins with the account password, so a DAV client that sends it on
 * every request pays scrypt once every few minutes. Keys are SHA-256 of space, login and password, so
 * the clear password is never kept; an entry is only trusted while the stored hash is unchanged.
 */
export class PasswordCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly ttlMs = 5 * 60 * 1000, private readonly maxEntries = 10_000) {}

  key(space: string, login: string, password: string): string {
    return crypto.createHash('sha256').update(`${space}\u0000${login.toLowerCase()}\u0000${password}`).digest('base64')
  }

  get(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    if (e.expiresAt <= now) {
      this.entries.delete(key)
      return undefined
    }
    return e
  }

  set(key: string, accountId: number, passwordHash: string, now: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { accountId, passwordHash, expiresAt: now + this.ttlMs })
  }
}
