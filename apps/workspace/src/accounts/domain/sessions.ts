import type { AccountRecord, SessionRecord } from '../storage/types.ts'
import type { AccountsEnv } from './context.ts'
import { isoIn, isoNow } from './context.ts'
import { randomToken, sha256 } from './passwords.ts'

/** Sessions live 30 days after their last use. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
// Renewing on every request would turn each read into a write; a few minutes' slack costs nothing.
const RENEW_AFTER_MS = 5 * 60 * 1000

export interface StartedSession {
  token: string
  csrfToken: string
  expiresAt: string
}

/** Opens a browser session; only the token's hash is stored. */
export function startSession(env: AccountsEnv, accountId: number, meta: { userAgent?: string; address?: string }): StartedSession {
  const token = randomToken(32)
  const csrfToken = randomToken(32)
  const expiresAt = isoIn(env, SESSION_TTL_MS)
  env.store.sessions.insert({
    tokenHash: sha256(token), accountId, csrfToken, createdAt: isoNow(env), expiresAt,
    userAgent: meta.userAgent?.slice(0, 300) ?? null, address: meta.address ?? null,
  })
  return { token, csrfToken, expiresAt }
}

export interface ResolvedSession {
  session: SessionRecord
  account: AccountRecord
  tokenHash: string
  /** The expiry moved forward: the cookie should be sent again. */
  renewed: boolean
}

/** The live session behind a cookie token, renewed on use; undefined when unknown, expired or disabled. */
export function resolveSession(env: AccountsEnv, token: string): ResolvedSession | undefined {
  const tokenHash = sha256(token)
  const session = env.store.sessions.byTokenHash(tokenHash)
  if (!session) return undefined
  const now = env.clock().getTime()
  if (Date.parse(session.expiresAt) <= now) {
    env.store.sessions.removeByTokenHash(tokenHash)
    return undefined
  }
  const account = env.store.accounts.byId(session.accountId)
  if (!account?.enabled) return undefined
  let renewed = false
  if (now - Date.parse(session.lastSeenAt) > RENEW_AFTER_MS) {
    const expiresAt = isoIn(env, SESSION_TTL_MS)
    env.store.sessions.renew(session.id, isoNow(env), expiresAt)
    session.expiresAt = expiresAt
    renewed = true
  }
  return { session, account, tokenHash, renewed }
}

/** Ends the session behind a cookie token (no-op when already gone). */
export function endSession(env: AccountsEnv, token: string): void {
  env.store.sessions.removeByTokenHash(sha256(token))
}
