import type { AccountRecord } from '../storage/types.ts'
import type { AccountsEnv } from './context.ts'
import { isoNow } from './context.ts'
import { InvalidCredentials, WrongPassword } from './errors.ts'
import { hashPassword, verifyPassword } from './passwords.ts'

// Verified against when the login is unknown, so that the answer takes as long as for a real account.
let decoyHash: Promise<string> | undefined

/**
 * Checks a login (username or e-mail) and password. Unknown login, wrong password and disabled
 * account all give the same error, after the same work.
 * @throws InvalidCredentials
 */
export async function checkPassword(env: AccountsEnv, login: string, password: string): Promise<AccountRecord> {
  const account = env.store.accounts.byLogin(login.trim())
  decoyHash ??= hashPassword('decoy password')
  const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash))
  if (!account || !ok || !account.enabled) throw new InvalidCredentials()
  return account
}

/**
 * Changes an account's password after checking the current one; other browser sessions end.
 * @throws WrongPassword
 */
export async function changePassword(
  env: AccountsEnv, accountId: number, current: string, next: string, keepSessionHash?: string,
): Promise<void> {
  const account = env.store.accounts.byId(accountId)
  if (!account || !(await verifyPassword(current, account.passwordHash))) throw new WrongPassword()
  const passwordHash = await hashPassword(next)
  env.store.tx.exclusive(() => {
    env.store.accounts.update(accountId, { passwordHash })
    env.store.sessions.removeForAccount(accountId, keepSessionHash)
  })
}

/** Records a successful interactive login. */
export function recordLogin(env: AccountsEnv, accountId: number): void {
  env.store.accounts.touchLogin(accountId, isoNow(env))
}
