import { NotFound, ValidationError } from '@maison/errors'
import type { Role } from '@maison/app-contract'
import type { Db } from '@maison/db'
import { accountsEnv } from '../../auth/deps.ts'
import type { AccountRecord, Language } from '../storage/types.ts'
import { insertAccount } from './accounts.ts'
import type { AccountsEnv } from './context.ts'
import { isoIn, isoNow } from './context.ts'
import { randomToken, sha256 } from './passwords.ts'
import { usernameSchema } from './rules.ts'

/** Stored in place of a hash: no password verifies against it, so the account cannot log in before activation. */
export const NO_PASSWORD = '!'
/** An activation link lasts longer than a reset link: the applicant may read the welcome mail days later. */
export const ACTIVATION_TTL_MS = 7 * 24 * 3600 * 1000
// A caller-chosen token must be as hard to guess as the ones minted here (32 random bytes in base64url).
const MIN_TOKEN_LENGTH = 32

export interface PendingAccountInput {
  username: string
  email: string
  displayName: string
  language: Language
  role?: Role
}

export interface ActivationLink {
  accountId: number
  /** True when this call created the account. */
  createdAccount: boolean
  /** The account has a password already (its link was used, or it never needed one). */
  activated: boolean
  /** The set-password link, or null once the account is activated. */
  url: string | null
  token: string | null
}

/** The path, under the space's base URL, of the page that redeems an activation token (the set-password page). */
export function activationPath(token: string): string {
  return `/reset/${encodeURIComponent(token)}`
}

/** True once the account has a usable password. */
export function isActivated(account: Pick<AccountRecord, 'passwordHash'>): boolean {
  return account.passwordHash !== NO_PASSWORD
}

function ensurePendingIn(env: AccountsEnv, input: PendingAccountInput): { account: AccountRecord; created: boolean } {
  const username = usernameSchema.safeParse(input.username)
  if (!username.success) {
    throw new ValidationError(`Invalid username "${input.username}": ${username.error.issues[0]?.message}`, {
      errors: [{ path: 'username', message: username.error.issues[0]?.message ?? 'Invalid username.' }],
    })
  }
  return env.store.tx.exclusive(() => {
    const existing = env.store.accounts.byUsername(username.data)
    if (existing) return { account: existing, created: false }
    const account = insertAccount(env, {
      username: username.data, displayName: input.displayName, email: input.email, role: input.role ?? 'admin', language: input.language,
    }, NO_PASSWORD)
    return { account, created: true }
  })
}

function prepareIn(env: AccountsEnv, account: PendingAccountInput | string, spaceBaseUrl: string, token?: string): ActivationLink {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new ValidationError(`An activation token needs at least ${MIN_TOKEN_LENGTH} characters.`, { errors: [{ path: 'token', message: 'Too short.' }] })
  }
  let createdAccount = false
  let record: AccountRecord | undefined
  if (typeof account === 'string') {
    record = env.store.accounts.byUsername(account)
    if (!record) throw new NotFound(`There is no account named "${account}" to activate.`)
  } else {
    ;({ account: record, created: createdAccount } = ensurePendingIn(env, account))
  }
  const accountId = record.id
  return env.store.tx.exclusive(() => {
    // Read again inside the transaction: the link may have been used a moment ago.
    const current = env.store.accounts.byId(accountId)
    if (!current) throw new NotFound(`The account "${record.username}" was deleted.`)
    if (isActivated(current)) return { accountId, createdAccount, activated: true, url: null, token: null }
    const chosen = token ?? randomToken(32)
    const tokenHash = sha256(chosen)
    const known = env.store.resets.byTokenHash(tokenHash)
    if (known && known.accountId !== accountId) throw new ValidationError('This activation token belongs to another account.', { errors: [{ path: 'token', message: 'Already used for another account.' }] })
    if (!known) env.store.resets.insert({ accountId, tokenHash, createdAt: isoNow(env), expiresAt: isoIn(env, ACTIVATION_TTL_MS) })
    return { accountId, createdAccount, activated: false, url: `${spaceBaseUrl}${activationPath(chosen)}`, token: chosen }
  })
}

/**
 * Creates the account with no usable password unless its username exists (then leaves it untouched).
 * No account limit applies: for provisioning a space's first admin.
 * @throws ValidationError (username), EmailTaken
 */
export function ensurePendingAccount(db: Db, input: PendingAccountInput, clock: () => Date = () => new Date()): { id: number; created: boolean; activated: boolean } {
  const { account, created } = ensurePendingIn(accountsEnv(db, clock), input)
  return { id: account.id, created, activated: isActivated(account) }
}

/**
 * An activation link for an account that has no password yet: a one-time token for the set-password
 * page, valid 7 days. `account` is a username, or the account to create first when absent. With `token`
 * (decided and kept by the caller), a retried call records nothing new and returns the same link; without
 * it, each call while the account is not activated mints a fresh link. Once activated, `url` is null.
 * @throws NotFound (no such username), ValidationError (username or token), EmailTaken
 */
export function prepareActivation(
  db: Db, req: { account: PendingAccountInput | string; spaceBaseUrl: string; token?: string }, clock: () => Date = () => new Date(),
): ActivationLink {
  return prepareIn(accountsEnv(db, clock), req.account, req.spaceBaseUrl.replace(/\/+$/, ''), req.token)
}
