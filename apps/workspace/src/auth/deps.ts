import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { Db } from '@maison/db'
import type { SpaceContext } from '@maison/app-contract'
import type { AccountsEnv } from '../accounts/domain/context.ts'
import { sqliteAccountsStore } from '../accounts/storage/sqliteStore.ts'
import type { ThrottleOptions } from './throttle.ts'
import type { InternalTokens } from './internalTokens.ts'

/** What authentication needs from the process. */
export interface AuthDeps {
  config: Config
  /** An ioredis instance from @maison/queue createRedis; holds the failed-login counters. */
  redis: Redis
  clock: () => Date
  logger: Logger
  /** Overrides the failed-login delays (tests). */
  throttle?: ThrottleOptions
  /** Verifies the bearer tokens apps use to reach the DAV tree. */
  internalTokens: InternalTokens
}

/** The accounts domain environment over a space database. */
export function accountsEnv(db: Db, clock: () => Date): AccountsEnv {
  return { store: sqliteAccountsStore(withStatementCache(db)), clock }
}

// The accounts repositories prepare their SQL on each call; every DAV request authenticates through them,
// and preparing cost more than running the lookup. The few dynamic statements (updates, filtered lists)
// stay within this bound.
const MAX_CACHED_STATEMENTS = 128
const cachedViews = new WeakMap<Db, Db>()

/**
 * The same handle, with `prepare` answered from a per-handle cache keyed by the SQL text. Safe for
 * repositories that only call get/all/run (no iterate, no pluck/raw/expand that would change a shared statement).
 */
export function withStatementCache(db: Db): Db {
  let view = cachedViews.get(db)
  if (view) return view
  const statements = new Map<string, ReturnType<Db['prepare']>>()
  const prepare = (sql: string): ReturnType<Db['prepare']> => {
    let stmt = statements.get(sql)
    if (!stmt) {
      stmt = db.prepare(sql)
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear()
      statements.set(sql, stmt)
    }
    return stmt
  }
  view = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare
      const value: unknown = Reflect.get(target, prop, target)
      // better-sqlite3's native methods refuse a `this` that is not the real handle.
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  cachedViews.set(db, view)
  return view
}

/** Cookies are Secure when the space is served over https. */
export function cookieSecure(space: SpaceContext, config?: Config): boolean {
  return space.baseUrl.startsWith('https:') || (config?.BASE_URL.startsWith('https:') ?? false)
}

/** Cookies are scoped to the space: `/s/{slug}/`, or `/` on a space's own host name. */
export function cookiePath(space: SpaceContext): string {
  return `${space.pathPrefix}/`
}
