import type { Role } from '@maison/app-contract'
import type { Db, MigrationSet } from '@maison/db'
import { accountsMigrationList } from '../../migrations/accounts/index.ts'
import { accountsEnv } from '../auth/deps.ts'
import { ensureAccountIn } from './domain/accounts.ts'
import type { AccountRecord } from './storage/types.ts'
import { usernameSchema } from './domain/rules.ts'
import { ValidationError } from '@maison/errors'

export { createAccountsRouter } from './http/router.ts'
export type { AccountsDeps, AccountFilesHooks } from './deps.ts'
export { parseQuota } from './domain/quota.ts'
export { prepareActivation, ensurePendingAccount, activationPath, isActivated, type ActivationLink, type PendingAccountInput } from './domain/activation.ts'

/** The workspace's accounts schema (scope `accounts`) for each space database. */
export const accountsMigrations: MigrationSet = { scope: 'accounts', migrations: accountsMigrationList }

/**
 * Creates the account unless one with this username already exists (then leaves it, password included,
 * untouched). For the demo space and provisioning; does not apply the space's account limit.
 * @throws ValidationError for a username outside the rules
 */
export async function ensureAccount(
  db: Db,
  input: { username: string; password: string; role: Role; email?: string; displayName?: string },
  clock: () => Date = () => new Date(),
): Promise<{ id: number; username: string; created: boolean }> {
  const username = usernameSchema.safeParse(input.username)
  if (!username.success) throw new ValidationError(`Invalid username "${input.username}": ${username.error.issues[0]?.message}`)
  const { account, created } = await ensureAccountIn(accountsEnv(db, clock), { ...input, username: username.data })
  return { id: account.id, username: account.username, created }
}

/** How many accounts the space has (enabled or not). */
export function countAccounts(db: Db): number {
  return accountsEnv(db, () => new Date()).store.accounts.count()
}

/** The usernames of the space, sorted case-insensitively. */
export function listUsernames(db: Db): string[] {
  return accountsEnv(db, () => new Date()).store.accounts.list().map((a: AccountRecord) => a.username)
}
