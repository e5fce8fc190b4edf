import type { DavAccess, DavEndpoint, SpaceContext } from '@maison/app-contract'
import type { Config } from '@maison/config'
import { NotFound } from '@maison/errors'
import { accountsEnv } from '../auth/deps.ts'
import type { InternalTokens } from '../auth/internalTokens.ts'

/** The loopback address of this host's web processes (workers reach the DAV tree through them too). */
export function internalOrigin(config: Config): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`
}

/** Gives apps DAV endpoints of a space, authorised by internal tokens (see InternalTokens). */
export function davAccess(config: Config, tokens: InternalTokens, clock: () => Date): DavAccess {
  function endpoint(space: SpaceContext, username: string): DavEndpoint {
    return {
      url: `${internalOrigin(config)}/s/${space.slug}/remote.php/dav/`,
      headers: { Authorization: `Bearer ${tokens.issue(space.slug, username)}` },
      username,
    }
  }
  return {
    as: (space, username) => endpoint(space, activeUsername(space, username, clock)),
    asAdmin: (space) => endpoint(space, activeAdminUsername(space, clock)),
  }
}

/**
 * The username of an enabled account, for an internal token to act as.
 * @throws NotFound when the space has no such enabled account.
 */
export function activeUsername(space: SpaceContext, username: string, clock: () => Date): string {
  const account = accountsEnv(space.db, clock).store.accounts.byUsername(username)
  if (!account?.enabled) throw new NotFound(`No active account "${username}" in this space.`)
  return account.username
}

/**
 * The username of one of the space's enabled admins, for background work with no person behind it.
 * @throws NotFound when the space has none.
 */
export function activeAdminUsername(space: SpaceContext, clock: () => Date): string {
  const admin = accountsEnv(space.db, clock).store.accounts.list().find((a) => a.role === 'admin' && a.enabled)
  if (!admin) throw new NotFound('This space has no active admin.')
  return admin.username
}
