import { NotFound } from '@maison/errors'
import type { AccountRecord, AppPasswordRecord } from '../storage/types.ts'
import type { AccountsEnv } from './context.ts'
import { isoNow } from './context.ts'
import { randomAlphanumeric, sha256 } from './passwords.ts'

/** Length of an app password, as Nextcloud's (72 × log2(62) ≈ 428 bits: no throttling needed to keep it unguessable). */
export const APP_PASSWORD_LENGTH = 72
const APP_PASSWORD_SHAPE = /^[A-Za-z0-9]{72}$/
// Recording each use would write on every DAV request; once a minute is enough to show "last used".
export const TOUCH_EVERY_MS = 60 * 1000

export interface CreatedAppPassword {
  id: number
  name: string
  loginName: string
  password: string
}

/** Creates an app password for a device; the clear password is returned once and never stored. */
export function createAppPassword(env: AccountsEnv, account: AccountRecord, name: string): CreatedAppPassword {
  const password = randomAlphanumeric(APP_PASSWORD_LENGTH)
  const record = env.store.appPasswords.insert({ accountId: account.id, name, tokenHash: sha256(password), createdAt: isoNow(env) })
  return { id: record.id, name: record.name, loginName: account.username, password }
}

export function listAppPasswords(env: AccountsEnv, accountId: number): AppPasswordRecord[] {
  return env.store.appPasswords.listForAccount(accountId)
}

/**
 * Revokes one of the account's app passwords; the next request using it fails.
 * @throws NotFound
 */
export function revokeAppPassword(env: AccountsEnv, accountId: number, id: number): void {
  if (!env.store.appPasswords.remove(accountId, id)) throw new NotFound(`You have no app password with id ${id}.`)
}

/** Whether a secret has the shape of an app password (so a lookup is worth doing). */
export function looksLikeAppPassword(secret: string): boolean {
  return APP_PASSWORD_SHAPE.test(secret)
}

/** The enabled account an app password belongs to, if `login` names that account; records the use. */
export function checkAppPassword(env: AccountsEnv, login: string, secret: string): AccountRecord | undefined {
  const found = env.store.appPasswords.withAccount(sha256(secret))
  if (!found?.account.enabled) return undefined
  const { appPassword: record, account } = found
  const named = login.toLowerCase()
  if (account.username.toLowerCase() !== named && account.email?.toLowerCase() !== named) return undefined
  const now = env.clock().getTime()
  if (!record.lastUsedAt || now - Date.parse(record.lastUsedAt) >= TOUCH_EVERY_MS) {
    env.store.appPasswords.touch(record.id, isoNow(env))
  }
  return account
}
