import type { AccountsEnv, SpaceInfo } from './context.ts'
import { isoIn, isoNow } from './context.ts'
import { LinkExpired } from './errors.ts'
import type { SendMail } from './mailer.ts'
import { passwordResetMail } from './mails.ts'
import { hashPassword, randomToken, sha256 } from './passwords.ts'

export const RESET_TTL_MS = 3600 * 1000
// Bounds the mail a stranger can make us send to one address.
const MAX_RESETS_PER_HOUR = 3

/**
 * Sends a reset link when the login names an enabled account with an e-mail address. Says nothing
 * either way, so the answer does not reveal which accounts exist.
 */
export async function requestPasswordReset(env: AccountsEnv, space: SpaceInfo, login: string, sendMail: SendMail): Promise<void> {
  const account = env.store.accounts.byLogin(login.trim())
  if (!account?.enabled || !account.email) return
  if (env.store.resets.countSince(account.id, isoIn(env, -3600 * 1000)) >= MAX_RESETS_PER_HOUR) return
  const token = randomToken(32)
  const tokenHash = sha256(token)
  env.store.resets.insert({ accountId: account.id, tokenHash, createdAt: isoNow(env), expiresAt: isoIn(env, RESET_TTL_MS) })
  const mail = passwordResetMail(account.language ?? 'en', {
    spaceName: space.name, username: account.username, link: `${space.baseUrl}/reset/${token}`,
  })
  await sendMail({ to: account.email, ...mail, key: `reset:${space.slug}:${tokenHash.slice(0, 32)}` })
}

/**
 * Sets a new password from a reset link (single use, one hour) and ends every session of the account.
 * @throws LinkExpired
 */
export async function completePasswordReset(env: AccountsEnv, token: string, password: string): Promise<void> {
  const tokenHash = sha256(token)
  const expired = () => new LinkExpired('This password reset link has expired or was already used. Ask for a new one.')
  const found = env.store.resets.byTokenHash(tokenHash)
  if (!found || found.usedAt || found.expiresAt <= isoNow(env)) throw expired()
  const passwordHash = await hashPassword(password)
  env.store.tx.exclusive(() => {
    if (!env.store.resets.markUsed(found.id, isoNow(env))) throw expired()
    // A password is chosen now: older activation or reset links of the account must not change it again.
    env.store.resets.markAllUsed(found.accountId, isoNow(env))
    env.store.accounts.update(found.accountId, { passwordHash })
    env.store.sessions.removeForAccount(found.accountId)
  })
}
