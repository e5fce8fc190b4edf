import type { AccountRecord } from '../storage/types.ts'
import { checkPassword, recordLogin } from './authentication.ts'
import type { AccountsEnv } from './context.ts'
import { InvalidCredentials } from './errors.ts'

/** Failed-login throttling as the domain sees it (implemented over Redis by the auth module). */
export interface LoginGate {
  /** Waits or refuses before an attempt. */
  before(address: string, account: string): Promise<void>
  failed(address: string, account: string): Promise<void>
  succeeded(address: string, account: string): Promise<void>
}

export interface LoginAttempt {
  space: string
  login: string
  password: string
  address: string
}

/**
 * A throttled password check: waits as the gate says, then records the outcome with it.
 * @throws InvalidCredentials, TooManyRequests
 */
export async function throttledLogin(env: AccountsEnv, gate: LoginGate, a: LoginAttempt): Promise<AccountRecord> {
  const accountKey = `${a.space}:${a.login.trim().toLowerCase()}`
  await gate.before(a.address, accountKey)
  try {
    const account = await checkPassword(env, a.login, a.password)
    await gate.succeeded(a.address, accountKey)
    recordLogin(env, account.id)
    return account
  } catch (err) {
    if (err instanceof InvalidCredentials) await gate.failed(a.address, accountKey)
    throw err
  }
}
