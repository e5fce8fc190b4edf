import type { SpaceContext } from '@maison/app-contract'
import { groupsOfAccount } from '../accounts/domain/groups.ts'
import type { AccountsEnv } from '../accounts/domain/context.ts'
import type { AccountRecord } from '../accounts/storage/types.ts'
import type { AccountFilesHooks } from '../accounts/deps.ts'
import type { OcsValue } from './envelope.ts'

// Nextcloud's FileInfo::SPACE_UNLIMITED: what "quota" says when the account has no quota of its own.
const SPACE_UNLIMITED = -3

/** A user as Nextcloud's provisioning API describes one. */
export function ocsUserData(env: AccountsEnv, space: SpaceContext, files: AccountFilesHooks, a: AccountRecord): Record<string, OcsValue> {
  const used = files.usage(space, a.username)
  const total = a.quotaBytes ?? space.limits.quotaBytes
  return {
    enabled: a.enabled,
    id: a.username,
    lastLogin: a.lastLoginAt ? Date.parse(a.lastLoginAt) : 0,
    backend: 'Database',
    subadmin: [],
    quota: {
      free: Math.max(0, total - used), used, total,
      relative: total > 0 ? Math.round((used / total) * 10000) / 100 : 0,
      quota: a.quotaBytes ?? SPACE_UNLIMITED,
    },
    email: a.email,
    displayname: a.displayName,
    phone: '', address: '', website: '', twitter: '',
    groups: groupsOfAccount(env, a),
    language: a.language ?? '',
    locale: '',
    backendCapabilities: { setDisplayName: true, setPassword: true },
  }
}
