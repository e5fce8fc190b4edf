import type { SpaceContext } from '@maison/app-contract'
import type { CalendarRepository } from './repository.ts'
import { SqliteCalendarRepository } from './sqlite-repository.ts'
import { parsedObjects, type ParsedObjectCache } from './parsed-cache.ts'
import { accountsEnv } from '../auth/deps.ts'
import { groupsOfAccount } from '../accounts/domain/groups.ts'

/** What the calendars domain knows of the space's accounts. */
export interface Directory {
  /** The account's display name and e-mail, or null when no such account exists. */
  account(username: string): { displayName: string; email: string | null; role: 'admin' | 'member' } | null
  groupsOf(username: string): string[]
  groupExists(name: string): boolean
}

/** Everything the calendars domain needs; built per request by the caller. */
export interface CalendarDeps {
  repo: CalendarRepository
  clock: () => Date
  cache: ParsedObjectCache
  directory: Directory
  /** Key of the space in shared caches. */
  spaceKey: string
}

/** The space's accounts as the calendars domain sees them. */
export function spaceDirectory(space: SpaceContext, clock: () => Date): Directory {
  const env = accountsEnv(space.db, clock)
  return {
    account(username) {
      const a = env.store.accounts.byUsername(username)
      return a ? { displayName: a.displayName, email: a.email, role: a.role } : null
    },
    groupsOf(username) {
      const a = env.store.accounts.byUsername(username)
      return a ? groupsOfAccount(env, a) : []
    },
    groupExists: (name) => name === 'admin' || env.store.groups.exists(name),
  }
}

/** Calendar dependencies of a space. */
export function calendarDepsFor(space: SpaceContext, clock: () => Date): CalendarDeps {
  return { repo: new SqliteCalendarRepository(space.db), clock, cache: parsedObjects, directory: spaceDirectory(space, clock), spaceKey: space.slug }
}
