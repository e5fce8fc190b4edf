import { Conflict, NotFound, ValidationError } from '@maison/errors'
import type { AccountQuery } from '../storage/types.ts'
import { getAccountByUsername, updateAccount } from './accounts.ts'
import type { AccountsEnv } from './context.ts'
import { isoNow } from './context.ts'

/** The group that is the admin role rather than a row. */
export const ADMIN_GROUP = 'admin'
const GROUP_NAME = /^[^/\\\u0000-\u001f]{1,64}$/

function isAdminGroup(name: string): boolean {
  return name.toLowerCase() === ADMIN_GROUP
}

export class GroupNotFound extends NotFound {
  override readonly code = 'group_not_found'
  constructor(name: string) {
    super(`There is no group named "${name}".`)
  }
}

export class GroupExists extends Conflict {
  override readonly code = 'group_exists'
  constructor(name: string) {
    super(`A group named "${name}" already exists.`)
  }
}

export class AdminGroupFixed extends Conflict {
  override readonly code = 'admin_group_fixed'
  constructor() {
    super('The admin group cannot be deleted.')
  }
}

/** All group names, `admin` first. */
export function listGroups(env: AccountsEnv, query: AccountQuery = {}): string[] {
  const matchesAdmin = !query.search || ADMIN_GROUP.includes(query.search.toLowerCase())
  const others = env.store.groups.list({ search: query.search })
  const all = matchesAdmin ? [ADMIN_GROUP, ...others] : others
  const start = query.offset ?? 0
  return all.slice(start, query.limit !== undefined ? start + query.limit : undefined)
}

/** @throws ValidationError, GroupExists */
export function createGroup(env: AccountsEnv, name: string): void {
  if (!GROUP_NAME.test(name)) {
    throw new ValidationError('A group name has 1 to 64 characters, without slashes or control characters.', {
      errors: [{ path: 'groupid', message: 'Invalid group name.' }],
    })
  }
  env.store.tx.exclusive(() => {
    if (isAdminGroup(name) || env.store.groups.exists(name)) throw new GroupExists(name)
    env.store.groups.create(name, isoNow(env))
  })
}

/** @throws GroupNotFound, AdminGroupFixed */
export function deleteGroup(env: AccountsEnv, name: string): void {
  if (isAdminGroup(name)) throw new AdminGroupFixed()
  if (!env.store.groups.remove(name)) throw new GroupNotFound(name)
}

/** Usernames in a group. @throws GroupNotFound */
export function groupMembers(env: AccountsEnv, name: string): string[] {
  if (isAdminGroup(name)) return env.store.accounts.list().filter((a) => a.role === 'admin').map((a) => a.username)
  if (!env.store.groups.exists(name)) throw new GroupNotFound(name)
  return env.store.groups.members(name)
}

/** The groups of an account, `admin` included for admins. */
export function groupsOfAccount(env: AccountsEnv, account: { id: number; role: string }): string[] {
  const groups = env.store.groups.groupsOf(account.id)
  return account.role === 'admin' ? [ADMIN_GROUP, ...groups] : groups
}

/** Adds an account to a group; `admin` makes it an administrator. @throws NotFound, GroupNotFound */
export function addToGroup(env: AccountsEnv, username: string, group: string): void {
  if (!isAdminGroup(group) && !env.store.groups.exists(group)) throw new GroupNotFound(group)
  const account = getAccountByUsername(env, username)
  if (isAdminGroup(group)) updateAccount(env, account.id, { role: 'admin' })
  else env.store.groups.addMember(group, account.id)
}

/** Removes an account from a group; leaving `admin` makes it a member. @throws NotFound, GroupNotFound, LastAdmin */
export function removeFromGroup(env: AccountsEnv, username: string, group: string): void {
  if (!isAdminGroup(group) && !env.store.groups.exists(group)) throw new GroupNotFound(group)
  const account = getAccountByUsername(env, username)
  if (isAdminGroup(group)) updateAccount(env, account.id, { role: 'member' })
  else env.store.groups.removeMember(group, account.id)
}
