import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { Db } from '@maison/db'
import type { SpaceContext } from '@maison/app-contract'
import type { AccountsEnv } from '../accounts/domain/context.ts'
import { sqliteAccountsStore } from '../accounts/storage/sqliteStore.ts'
import type { ThrottleOptions } from './throttle.ts'

/** What authentication needs from the process. */
export interface AuthDeps {
  config: Config
  /** An ioredis instance from @maison/queue createRedis; holds the failed-login counters. */
  redis: Redis
  clock: () => Date
  logger: Logger
  /** Overrides the failed-login delays (tests). */
  throttle?: ThrottleOptions
}

/** The accounts domain environment over a space database. */
export function accountsEnv(db: Db, clock: () => Date): AccountsEnv {
  return { store: sqliteAccountsStore(db), clock }
}

/** Cookies are Secure when the space is served over https. */
export function cookieSecure(space: SpaceContext, config?: Config): boolean {
  return space.baseUrl.startsWith('https:') || (config?.BASE_URL.startsWith('https:') ?? false)
}

/** Cookies are scoped to the space: `/s/{slug}/`, or `/` on a space's own host name. */
export function cookiePath(space: SpaceContext): string {
  return `${space.pathPrefix}/`
}
