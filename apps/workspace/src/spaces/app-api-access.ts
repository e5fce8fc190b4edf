import type { AppApiAccess, AppApiEndpoint, AppDefinition, SpaceContext } from '@maison/app-contract'
import type { Config } from '@maison/config'
import { NotFound } from '@maison/errors'
import { BUILT_IN_APP_IDS } from '../apps/catalog.ts'
import type { InternalTokens } from '../auth/internalTokens.ts'
import { activeAdminUsername, activeUsername, internalOrigin } from './dav-access.ts'
import { SpaceSettingsStore } from './settings.ts'

/** The host's apps enabled in a space: the built-in ones, plus those its admins chose (else the defaults). */
export function enabledApps(apps: readonly AppDefinition[], space: SpaceContext): AppDefinition[] {
  const defaults = apps.filter((a) => a.defaultEnabled).map((a) => a.id)
  const chosen = new SpaceSettingsStore(space.db).get<string[]>('enabledApps', defaults)
  return apps.filter((a) => BUILT_IN_APP_IDS.has(a.id) || chosen.includes(a.id))
}

/** Whether one app is installed on this host and enabled in a space. */
export function appEnabledIn(apps: readonly AppDefinition[], space: SpaceContext, appId: string): boolean {
  return enabledApps(apps, space).some((a) => a.id === appId)
}

/** Gives apps endpoints of another app's API in a space, authorised by internal tokens scoped to that API. */
export function appApiAccess(config: Config, tokens: InternalTokens, clock: () => Date, apps: readonly AppDefinition[]): AppApiAccess {
  function endpoint(space: SpaceContext, appId: string, username: string): AppApiEndpoint {
    if (!apps.some((a) => a.id === appId && a.routes)) throw new NotFound(`No app "${appId}" with an API on this host.`)
    const scope = `/apps/${appId}/api/`
    return {
      url: `${internalOrigin(config)}/s/${space.slug}${scope}`,
      headers: { Authorization: `Bearer ${tokens.issue(space.slug, username, scope)}` },
      username,
    }
  }
  return {
    enabled: (space, appId) => appEnabledIn(apps, space, appId),
    as: (space, appId, username) => endpoint(space, appId, activeUsername(space, username, clock)),
    asAdmin: (space, appId) => endpoint(space, appId, activeAdminUsername(space, clock)),
  }
}
