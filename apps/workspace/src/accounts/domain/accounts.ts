import { NotFound, ValidationError } from '@maison/errors'
import type { Principal, Role } from '@maison/app-contract'
import type { AccountPatch, AccountRecord, Language } from '../storage/types.ts'
import type { AccountsEnv } from './context.ts'
import { isoNow } from './context.ts'
import { EmailTaken, LastAdmin, UsernameTaken } from './errors.ts'
import { assertRoomForAnother } from './limits.ts'
import { hashPassword } from './passwords.ts'

export interface NewAccountInput {
  username: string
  displayName?: string | null
  email?: string | null
  role: Role
  password: string
  quotaBytes?: number | null
  language?: Language | null
}

/** The principal a request acts as once it authenticated as `account`. */
export function principalOf(account: AccountRecord, via: Principal['via']): Principal {
  return {
    accountId: account.id, username: account.username, displayName: account.displayName, role: account.role, email: account.email,
    language: account.language, quotaBytes: account.quotaBytes, via,
  }
}

/** Inserts an account after checking uniqueness; call inside `store.tx.exclusive`. */
export function insertAccount(env: AccountsEnv, input: Omit<NewAccountInput, 'password'>, passwordHash: string): AccountRecord {
  const { accounts } = env.store
  if (accounts.byUsername(input.username)) throw new UsernameTaken(input.username)
  if (input.email && accounts.byEmail(input.email)) throw new EmailTaken()
  return accounts.insert({
    username: input.username, displayName: input.displayName?.trim() || input.username, email: input.email ?? null,
    role: input.role, passwordHash, quotaBytes: input.quotaBytes ?? null, language: input.language ?? null, createdAt: isoNow(env),
  })
}

/**
 * Creates an account if the space has room; count and insert share one exclusive transaction.
 * @throws LimitReached, UsernameTaken, EmailTaken
 */
export async function createAccount(env: AccountsEnv, input: NewAccountInput, maxAccounts: number): Promise<AccountRecord> {
  const passwordHash = await hashPassword(input.password)
  return env.store.tx.exclusive(() => {
    assertRoomForAnother(env, maxAccounts)
    return insertAccount(env, input, passwordHash)
  })
}

/** Creates the account unless one with this username exists (no limit check: for provisioning and the demo). */
export async function ensureAccountIn(env: AccountsEnv, input: NewAccountInput): Promise<{ account: AccountRecord; created: boolean }> {
  const existing = env.store.accounts.byUsername(input.username)
  if (existing) return { account: existing, created: false }
  const passwordHash = await hashPassword(input.password)
  return env.store.tx.exclusive(() => {
    const again = env.store.accounts.byUsername(input.username)
    if (again) return { account: again, created: false }
    return { account: insertAccount(env, input, passwordHash), created: true }
  })
}

/** @throws NotFound */
export function getAccount(env: AccountsEnv, id: number): AccountRecord {
  const account = env.store.accounts.byId(id)
  if (!account) throw new NotFound(`There is no account with id ${id}.`)
  return account
}

/** @throws NotFound */
export function getAccountByUsername(env: AccountsEnv, username: string): AccountRecord {
  const account = env.store.accounts.byUsername(username)
  if (!account) throw new NotFound(`There is no account named "${username}".`)
  return account
}

function losesAdmin(before: AccountRecord, patch: AccountPatch): boolean {
  const wasActiveAdmin = before.role === 'admin' && before.enabled
  const staysActiveAdmin = (patch.role ?? before.role) === 'admin' && (patch.enabled ?? before.enabled)
  return wasActiveAdmin && !staysActiveAdmin
}

/**
 * Changes an account's profile, role, state or quota. The space always keeps one enabled admin;
 * disabling an account ends its sessions.
 * @throws NotFound, LastAdmin, EmailTaken
 */
export function updateAccount(env: AccountsEnv, id: number, patch: AccountPatch): AccountRecord {
  return env.store.tx.exclusive(() => {
    const before = getAccount(env, id)
    if (losesAdmin(before, patch) && env.store.accounts.countEnabledAdmins() <= 1) {
      throw new LastAdmin(`"${before.username}" is the last administrator of this space; make another account an administrator first.`)
    }
    if (patch.email) {
      const other = env.store.accounts.byEmail(patch.email)
      if (other && other.id !== id) throw new EmailTaken()
    }
    env.store.accounts.update(id, patch)
    if (patch.enabled === false) env.store.sessions.removeForAccount(id)
    return getAccount(env, id)
  })
}

export type DeleteFilesMode = 'transfer' | 'delete'

export interface FilesHooks {
  removeUserFiles(username: string, mode: 'delete' | { transferTo: string }): Promise<void>
}

/**
 * Deletes an account: it is disabled first (no new logins), its files are moved to the acting admin or
 * deleted, then the row goes (sessions, app passwords and memberships with it).
 * @throws NotFound, LastAdmin, ValidationError
 */
export async function deleteAccount(env: AccountsEnv, files: FilesHooks, actor: Principal, id: number, mode: DeleteFilesMode): Promise<void> {
  const target = getAccount(env, id)
  if (mode === 'transfer' && target.id === actor.accountId) {
    throw new ValidationError('Your files cannot be transferred to yourself; delete them or ask another administrator.', {
      errors: [{ path: 'files', message: 'Use files=delete when deleting your own account.' }],
    })
  }
  env.store.tx.exclusive(() => {
    const current = getAccount(env, id)
    if (current.role === 'admin' && current.enabled && env.store.accounts.countEnabledAdmins() <= 1) {
      throw new LastAdmin(`"${current.username}" is the last administrator of this space and cannot be deleted.`)
    }
    env.store.accounts.update(id, { enabled: false })
    env.store.sessions.removeForAccount(id)
  })
  await files.removeUserFiles(target.username, mode === 'transfer' ? { transferTo: actor.username } : 'delete')
  env.store.accounts.remove(id)
}
