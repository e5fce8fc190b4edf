import type { AccountsStore } from '../storage/types.ts'

/** What every accounts domain function works with: the space's repositories and the clock. */
export interface AccountsEnv {
  store: AccountsStore
  clock: () => Date
}

/** The part of a space the accounts domain needs. */
export interface SpaceInfo {
  slug: string
  name: string
  baseUrl: string
  limits: { maxAccounts: number }
}

export function isoNow(env: AccountsEnv): string {
  return env.clock().toISOString()
}

export function isoIn(env: AccountsEnv, ms: number): string {
  return new Date(env.clock().getTime() + ms).toISOString()
}
